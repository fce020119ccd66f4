import{t as e}from"./css-B9j4ny65.js";import{n as t,t as n}from"./css-25bJShu-.js";import{A as r,Fi as i,Gi as a,H as o,N as s,Ni as c,P as l,Ui as u,V as d,Xi as f,Yi as p,_a as m,_i as h,at as g,di as _,fi as v,h as y,hi as b,ia as x,j as S,jt as C,k as w,li as T,m as E,mi as D,pi as O,si as k,vi as A,yi as j}from"./index-CoYAIoC5.js";import{t as M}from"./css-Dvq27Cww.js";import{t as N}from"./message-CkSM68I4.js";import"./css---n5QjW8.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=y(j({__name:`SecurityPolicyPage`,setup(y){let j=d(`
  query AdminSecurityPolicy {
    securityPolicy {
      passwordMinLength
      passwordMinClasses
      passwordMaxAgeDays
      sessionAccessTtlMinutes
      sessionIdleTimeoutMinutes
      sessionRefreshTtlMinutes
      loginMaxFailuresPerAccount
      loginMaxFailuresPerAddress
      loginWindowSeconds
    }
  }
`),L=d(`
  mutation AdminUpdateSecurityPolicy($input: SecurityPolicyInput!) {
    updateSecurityPolicy(input: $input) {
      passwordMinLength
      passwordMinClasses
      passwordMaxAgeDays
      sessionAccessTtlMinutes
      sessionIdleTimeoutMinutes
      sessionRefreshTtlMinutes
      loginMaxFailuresPerAccount
      loginMaxFailuresPerAddress
      loginWindowSeconds
    }
  }
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=o(),V=s(),H=_(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=S({query:j}),W=p(Object.fromEntries(z.map(e=>[e,0])));u(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=f({}),K=f(``),q=f(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await l.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(r(e.error)),K.value=Object.keys(G.value).length?G.value._??``:w(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(r,o)=>{let s=C,l=M,u=t,d=g,f=n,p=e;return c(),b(`div`,P,[v(`div`,F,[v(`h1`,null,m(x(B)(`admin.policy.title`)),1)]),A(E,{fetching:x(U).fetching.value,error:x(U).error.value,"has-data":!!x(U).data.value,onRetry:o[0]||=e=>x(U).executeQuery({requestPolicy:`network-only`})},{default:a(()=>[A(p,{class:`card`,shadow:`never`},{default:a(()=>[H.value?D(``,!0):(c(),O(s,{key:0,title:x(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(c(),O(s,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):D(``,!0),A(f,{"label-position":`top`,"data-test":`policy-form`,onSubmit:k(Y,[`prevent`])},{default:a(()=>[(c(),b(T,null,i(R,e=>v(`fieldset`,{key:e.title,class:`fieldset`},[v(`legend`,null,m(x(B)(e.title)),1),v(`div`,I,[(c(!0),b(T,null,i(e.fields,e=>(c(),O(u,{key:e.key,label:x(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:a(()=>[A(l,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(c(),O(d,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:a(()=>[h(m(x(B)(`common.save`)),1)]),_:1},8,[`loading`])):D(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
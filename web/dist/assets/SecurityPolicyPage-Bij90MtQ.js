import{t as e}from"./css-B-W3aXjs.js";import{n as t,t as n}from"./css-Jk9RtO27.js";import{A as r,D as i,E as a,Ei as o,F as s,Hi as c,I as l,Ii as u,Oi as d,Q as f,Ri as p,T as m,Ui as h,Zi as g,ai as _,ci as v,d as y,di as b,ei as x,fi as S,ii as C,k as w,ni as T,oi as E,si as D,u as O,ua as k,ui as A,wt as j}from"./index-ShzFd9B1.js";import{t as M}from"./css-B7i2BmIr.js";import{t as N}from"./message-DYyEhSbP.js";import"./css-yC17oVq_.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=y(S({__name:`SecurityPolicyPage`,setup(y){let S=s(`
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
`),L=s(`
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
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=l(),V=w(),H=C(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=i({query:S}),W=c(Object.fromEntries(z.map(e=>[e,0])));u(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=h({}),K=h(``),q=h(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await r.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(a(e.error)),K.value=Object.keys(G.value).length?G.value._??``:m(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(r,i)=>{let a=j,s=M,c=t,l=f,u=n,m=e;return o(),v(`div`,P,[_(`div`,F,[_(`h1`,null,k(g(B)(`admin.policy.title`)),1)]),b(O,{fetching:g(U).fetching.value,error:g(U).error.value,"has-data":!!g(U).data.value,onRetry:i[0]||=e=>g(U).executeQuery({requestPolicy:`network-only`})},{default:p(()=>[b(m,{class:`card`,shadow:`never`},{default:p(()=>[H.value?D(``,!0):(o(),E(a,{key:0,title:g(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(o(),E(a,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):D(``,!0),b(u,{"label-position":`top`,"data-test":`policy-form`,onSubmit:x(Y,[`prevent`])},{default:p(()=>[(o(),v(T,null,d(R,e=>_(`fieldset`,{key:e.title,class:`fieldset`},[_(`legend`,null,k(g(B)(e.title)),1),_(`div`,I,[(o(!0),v(T,null,d(e.fields,e=>(o(),E(c,{key:e.key,label:g(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:p(()=>[b(s,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(o(),E(l,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:p(()=>[A(k(g(B)(`common.save`)),1)]),_:1},8,[`loading`])):D(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
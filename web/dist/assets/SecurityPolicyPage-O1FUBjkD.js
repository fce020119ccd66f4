import{t as e}from"./css-Be5HiMU6.js";import{n as t,t as n}from"./css-8UotFqpP.js";import{$r as r,Ct as i,Di as a,E as o,F as s,Fi as c,Hi as l,Li as u,O as d,P as f,T as p,Ti as m,Vi as h,Xi as g,Z as _,ai as v,di as y,ii as b,k as x,l as S,la as C,li as w,oi as T,ri as E,si as D,ti as O,u as k,ui as A,w as j}from"./index-CKnckuuE.js";import{t as M}from"./css-DvqRqW8J.js";import{t as N}from"./message-OmeMMRur.js";import"./css-jyMxGIUu.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=k(y({__name:`SecurityPolicyPage`,setup(y){let k=f(`
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
`),L=f(`
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
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=s(),V=d(),H=E(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=o({query:k}),W=h(Object.fromEntries(z.map(e=>[e,0])));c(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=l({}),K=l(``),q=l(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await x.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(p(e.error)),K.value=Object.keys(G.value).length?G.value._??``:j(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(o,s)=>{let c=i,l=M,d=t,f=_,p=n,h=e;return m(),D(`div`,P,[b(`div`,F,[b(`h1`,null,C(g(B)(`admin.policy.title`)),1)]),A(S,{fetching:g(U).fetching.value,error:g(U).error.value,"has-data":!!g(U).data.value,onRetry:s[0]||=e=>g(U).executeQuery({requestPolicy:`network-only`})},{default:u(()=>[A(h,{class:`card`,shadow:`never`},{default:u(()=>[H.value?T(``,!0):(m(),v(c,{key:0,title:g(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(m(),v(c,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):T(``,!0),A(p,{"label-position":`top`,"data-test":`policy-form`,onSubmit:r(Y,[`prevent`])},{default:u(()=>[(m(),D(O,null,a(R,e=>b(`fieldset`,{key:e.title,class:`fieldset`},[b(`legend`,null,C(g(B)(e.title)),1),b(`div`,I,[(m(!0),D(O,null,a(e.fields,e=>(m(),v(d,{key:e.key,label:g(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:u(()=>[A(l,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(m(),v(f,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:u(()=>[w(C(g(B)(`common.save`)),1)]),_:1},8,[`loading`])):T(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
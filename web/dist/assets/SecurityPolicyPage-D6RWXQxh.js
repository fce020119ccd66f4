import{t as e}from"./css-BIC2hrkG.js";import{n as t,t as n}from"./css-BNIRYXn8.js";import{A as r,Aa as i,Ai as a,Ci as o,Di as s,Ei as c,Gi as l,H as u,Ti as d,V as f,X as p,Y as m,ca as h,ga as g,h as _,j as v,ji as y,k as b,ki as x,m as S,pt as C,qi as w,ra as T,sa as E,ta as D,wi as O,xi as k,yi as A,zt as j}from"./index-CPRwJYB3.js";import{t as M}from"./css-fVT7qPv2.js";import{t as N}from"./message-Dhd1-vZ_.js";import"./css-qhlrKsZC.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=_(y({__name:`SecurityPolicyPage`,setup(_){let y=m(`
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
`),L=m(`
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
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=p(),V=f(),H=o(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=v({query:y}),W=E(Object.fromEntries(z.map(e=>[e,0])));D(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=h({}),K=h(``),q=h(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await u.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(r(e.error)),K.value=Object.keys(G.value).length?G.value._??``:b(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(r,o)=>{let u=j,f=M,p=t,m=C,h=n,_=e;return l(),s(`div`,P,[O(`div`,F,[O(`h1`,null,i(g(B)(`admin.policy.title`)),1)]),a(S,{fetching:g(U).fetching.value,error:g(U).error.value,"has-data":!!g(U).data.value,onRetry:o[0]||=e=>g(U).executeQuery({requestPolicy:`network-only`})},{default:T(()=>[a(_,{class:`card`,shadow:`never`},{default:T(()=>[H.value?c(``,!0):(l(),d(u,{key:0,title:g(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(l(),d(u,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):c(``,!0),a(h,{"label-position":`top`,"data-test":`policy-form`,onSubmit:A(Y,[`prevent`])},{default:T(()=>[(l(),s(k,null,w(R,e=>O(`fieldset`,{key:e.title,class:`fieldset`},[O(`legend`,null,i(g(B)(e.title)),1),O(`div`,I,[(l(!0),s(k,null,w(e.fields,e=>(l(),d(p,{key:e.key,label:g(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:T(()=>[a(f,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(l(),d(m,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:T(()=>[x(i(g(B)(`common.save`)),1)]),_:1},8,[`loading`])):c(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
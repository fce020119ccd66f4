import{t as e}from"./css-BaLO9c6f.js";import{n as t,t as n}from"./css-DT_9TuPo.js";import{Bi as r,C as i,D as a,Ei as o,Ii as s,N as c,O as l,P as u,Pi as d,Qr as f,St as p,Vi as m,X as h,Yi as g,ai as _,c as v,ca as y,ci as b,ei as x,ii as S,l as C,li as w,ni as T,oi as E,ri as D,s as O,ui as k,w as A,wi as j}from"./index-CdfpDGlZ.js";import{t as M}from"./css-DxO45MhX.js";import{t as N}from"./css-BH9mMALO.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=C(k({__name:`SecurityPolicyPage`,setup(C){let k=c(`
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
`),L=c(`
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
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=u(),V=a(),H=T(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=v({query:k}),W=r(Object.fromEntries(z.map(e=>[e,0])));d(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=m({}),K=m(``),q=m(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await l.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(A(e.error)),K.value=Object.keys(G.value).length?G.value._??``:i(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(r,i)=>{let a=p,c=M,l=t,u=h,d=n,m=e;return j(),E(`div`,P,[D(`div`,F,[D(`h1`,null,y(g(B)(`admin.policy.title`)),1)]),w(O,{fetching:g(U).fetching.value,error:g(U).error.value,"has-data":!!g(U).data.value,onRetry:i[0]||=e=>g(U).executeQuery({requestPolicy:`network-only`})},{default:s(()=>[w(m,{class:`card`,shadow:`never`},{default:s(()=>[H.value?_(``,!0):(j(),S(a,{key:0,title:g(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(j(),S(a,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):_(``,!0),w(d,{"label-position":`top`,"data-test":`policy-form`,onSubmit:f(Y,[`prevent`])},{default:s(()=>[(j(),E(x,null,o(R,e=>D(`fieldset`,{key:e.title,class:`fieldset`},[D(`legend`,null,y(g(B)(e.title)),1),D(`div`,I,[(j(!0),E(x,null,o(e.fields,e=>(j(),S(l,{key:e.key,label:g(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:s(()=>[w(c,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(j(),S(u,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:s(()=>[b(y(g(B)(`common.save`)),1)]),_:1},8,[`loading`])):_(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
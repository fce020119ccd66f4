import{t as e}from"./css-BQBglEyM.js";import{n as t,t as n}from"./css-CRA2_Gzh.js";import{$r as r,Bi as i,C as a,Ci as o,D as s,E as c,Fi as l,Ji as u,M as d,N as f,Ni as p,S as m,Ti as h,Y as g,Zr as _,ai as v,c as y,ci as b,ii as x,li as S,ni as C,ri as w,s as T,sa as E,si as D,ti as O,w as k,xt as A,zi as j}from"./index-CPM7-BFj.js";import{t as M}from"./css-CKv7ZPgf.js";import{t as N}from"./css-jddq876a.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=y(S({__name:`SecurityPolicyPage`,setup(y){let S=d(`
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
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=f(),V=c(),H=O(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=k({query:S}),W=j(Object.fromEntries(z.map(e=>[e,0])));p(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=i({}),K=i(``),q=i(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await s.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(a(e.error)),K.value=Object.keys(G.value).length?G.value._??``:m(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(i,a)=>{let s=A,c=M,d=t,f=g,p=n,m=e;return o(),v(`div`,P,[C(`div`,F,[C(`h1`,null,E(u(B)(`admin.policy.title`)),1)]),b(T,{fetching:u(U).fetching.value,error:u(U).error.value,"has-data":!!u(U).data.value,onRetry:a[0]||=e=>u(U).executeQuery({requestPolicy:`network-only`})},{default:l(()=>[b(m,{class:`card`,shadow:`never`},{default:l(()=>[H.value?x(``,!0):(o(),w(s,{key:0,title:u(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(o(),w(s,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):x(``,!0),b(p,{"label-position":`top`,"data-test":`policy-form`,onSubmit:_(Y,[`prevent`])},{default:l(()=>[(o(),v(r,null,h(R,e=>C(`fieldset`,{key:e.title,class:`fieldset`},[C(`legend`,null,E(u(B)(e.title)),1),C(`div`,I,[(o(!0),v(r,null,h(e.fields,e=>(o(),w(d,{key:e.key,label:u(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:l(()=>[b(c,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(o(),w(f,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:l(()=>[D(E(u(B)(`common.save`)),1)]),_:1},8,[`loading`])):x(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
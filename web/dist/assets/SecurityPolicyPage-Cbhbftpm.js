import{t as e}from"./css-BYklxRCd.js";import{n as t,t as n}from"./css-8hA3NYUl.js";import{$i as r,A as i,Ci as a,Di as o,Ea as s,Ei as c,Ft as l,G as u,K as d,L as f,R as p,Si as m,Ti as h,Ui as g,Vi as _,Zi as v,_i as y,bi as b,fa as x,h as S,hi as C,ia as w,j as T,k as E,lt as D,m as O,ra as k,xi as A,yi as j}from"./index-GUFkb7Gd.js";import{t as M}from"./css-CM63bqMf.js";import{t as N}from"./message-484EpAO1.js";import"./css-I7cuohi2.js";var P={class:`page`},F={class:`page-header`},I={class:`fields`},L=S(o({__name:`SecurityPolicyPage`,setup(o){let S=u(`
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
`),L=u(`
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
`),R=[{title:`admin.policy.password`,fields:[{key:`passwordMinLength`,min:8,max:128},{key:`passwordMinClasses`,min:1,max:4},{key:`passwordMaxAgeDays`,min:0,max:3650}]},{title:`admin.policy.session`,fields:[{key:`sessionAccessTtlMinutes`,min:1,max:1440},{key:`sessionIdleTimeoutMinutes`,min:1,max:1440},{key:`sessionRefreshTtlMinutes`,min:1,max:525600}]},{title:`admin.policy.login`,fields:[{key:`loginMaxFailuresPerAccount`,min:1,max:1e3},{key:`loginMaxFailuresPerAddress`,min:1,max:1e5},{key:`loginWindowSeconds`,min:1,max:86400}]}],z=R.flatMap(e=>e.fields.map(e=>e.key)),{t:B}=d(),V=f(),H=j(()=>V.can(`policy.manage`)&&V.me?.tenant?.level===`PROVINCE`),U=T({query:S}),W=k(Object.fromEntries(z.map(e=>[e,0])));v(()=>U.data.value?.securityPolicy,e=>{if(e)for(let t of z)W[t]=e[t]},{immediate:!0});let G=w({}),K=w(``),q=w(!1);function J(e){let t={};for(let[n,r]of Object.entries(e)){let e=n.replace(/\.(\w)/g,(e,t)=>t.toUpperCase());if(z.includes(e))t[e]=r;else if(n===`login`)for(let e of z.filter(e=>e.startsWith(`login`)))t[e]=r;else t._=t._?`${t._}；${r}`:r}return t}async function Y(){G.value={},K.value=``,q.value=!0;let e=await p.mutation(L,{input:{...W}}).toPromise();q.value=!1,e.error?(G.value=J(i(e.error)),K.value=Object.keys(G.value).length?G.value._??``:E(e.error)):(N.success(B(`admin.policy.saved`)),U.executeQuery({requestPolicy:`network-only`}))}return(i,o)=>{let u=l,d=M,f=t,p=D,v=n,S=e;return _(),a(`div`,P,[b(`div`,F,[b(`h1`,null,s(x(B)(`admin.policy.title`)),1)]),c(O,{fetching:x(U).fetching.value,error:x(U).error.value,"has-data":!!x(U).data.value,onRetry:o[0]||=e=>x(U).executeQuery({requestPolicy:`network-only`})},{default:r(()=>[c(S,{class:`card`,shadow:`never`},{default:r(()=>[H.value?m(``,!0):(_(),A(u,{key:0,title:x(B)(`admin.policy.readOnly`),type:`info`,closable:!1,class:`msg`},null,8,[`title`])),K.value?(_(),A(u,{key:1,title:K.value,type:`error`,closable:!1,class:`msg`,role:`alert`,"data-test":`policy-error`},null,8,[`title`])):m(``,!0),c(v,{"label-position":`top`,"data-test":`policy-form`,onSubmit:C(Y,[`prevent`])},{default:r(()=>[(_(),a(y,null,g(R,e=>b(`fieldset`,{key:e.title,class:`fieldset`},[b(`legend`,null,s(x(B)(e.title)),1),b(`div`,I,[(_(!0),a(y,null,g(e.fields,e=>(_(),A(f,{key:e.key,label:x(B)(`admin.policy.${e.key}`),error:G.value[e.key],for:`sp-${e.key}`},{default:r(()=>[c(d,{id:`sp-${e.key}`,modelValue:W[e.key],"onUpdate:modelValue":t=>W[e.key]=t,min:e.min,max:e.max,step:1,"step-strictly":``,disabled:!H.value,"controls-position":`right`,"data-test":`policy-${e.key}`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`,`min`,`max`,`disabled`,`data-test`])]),_:2},1032,[`label`,`error`,`for`]))),128))])])),64)),H.value?(_(),A(p,{key:0,type:`primary`,"native-type":`submit`,loading:q.value,"data-test":`policy-save`},{default:r(()=>[h(s(x(B)(`common.save`)),1)]),_:1},8,[`loading`])):m(``,!0)]),_:1})]),_:1})]),_:1},8,[`fetching`,`error`,`has-data`])])}}}),[[`__scopeId`,`data-v-d3dc2082`]]);export{L as default};
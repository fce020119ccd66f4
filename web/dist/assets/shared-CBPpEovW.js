import{Hi as e,M as t,P as n,Wi as r,k as i,ri as a}from"./index-CKnckuuE.js";function o(){let t=e(null),n=e([]),r=a(()=>n.value.length+1);function i(e){e&&(n.value.push(t.value),t.value=e)}function o(){t.value=n.value.pop()??null}function s(){n.value=[],t.value=null}return{after:t,page:r,next:i,prev:o,reset:s}}var s=n(`
  query AdminTenants($first: Int, $after: String, $includeRetired: Boolean!) {
    tenants(first: $first, after: $after, includeRetired: $includeRetired) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        code
        name
        departmentName
        level
        retired
        validFrom
        validTo
        parent { code name }
        successor { code name }
      }
    }
  }
`);async function c(e=!1){let t=[],n=null;for(let r=0;r<100;r++){let r=await i.query(s,{first:100,after:n,includeRetired:e},{requestPolicy:`network-only`}).toPromise();if(r.error||!r.data)return{list:t,error:r.error??null};if(t.push(...r.data.tenants.nodes),!r.data.tenants.pageInfo.hasNextPage||(n=r.data.tenants.pageInfo.endCursor??null,!n))break}return{list:t,error:null}}function l(t=!1){let n=r([]),i=r(null),o=e(!1);async function s(){o.value=!0;let e=await c(t);o.value=!1,i.value=e.error,n.value=e.list}s();let l=a(()=>new Map(n.value.map(e=>[e.code,e])));function u(e){if(!e)return``;let t=l.value.get(e);return t?`${t.name}（${e}）`:e}return{tenants:n,error:i,loading:o,reload:s,byCode:l,tenantName:u}}function u(e){return e.replace(/-(\w)/g,(e,t)=>t.toUpperCase())}function d(e){let n=`admin.roleNames.${u(e)}`;return t.global.te(n)?t.global.t(n):e}function f(e){let n=`admin.orgs.kinds.${u(e)}`;return t.global.te(n)?t.global.t(n):e}var p={"province-admin":`PROVINCE`,"city-admin":`CITY`,"county-admin":`COUNTY`};function m(e,t){let n=new Map(e.map(e=>[e.name,e.adminGroup??null])),r=new Set(t.roles.map(e=>n.get(e)).filter(e=>!!e));return e.filter(e=>{if(t.roles.includes(e.name))return!1;let n=p[e.name];return!(n&&t.tenant&&t.tenant.level!==n||e.adminGroup&&(t.organisationId||r.size&&!r.has(e.adminGroup)))})}function h(){let e=new Uint32Array(14);crypto.getRandomValues(e);let t=``;for(let n of e)t+=`abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789`[n%55];return`Aj-${t}7`}export{d as a,c as i,h as n,o,f as r,l as s,m as t};
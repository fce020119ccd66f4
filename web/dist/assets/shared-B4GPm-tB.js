import{L as e,P as t,Qi as n,V as r,Xi as i,di as a}from"./index-CoYAIoC5.js";function o(){let e=i(null),t=i([]),n=a(()=>t.value.length+1);function r(n){n&&(t.value.push(e.value),e.value=n)}function o(){e.value=t.value.pop()??null}function s(){t.value=[],e.value=null}return{after:e,page:n,next:r,prev:o,reset:s}}var s=r(`
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
`);async function c(e=!1){let n=[],r=null;for(let i=0;i<100;i++){let i=await t.query(s,{first:100,after:r,includeRetired:e},{requestPolicy:`network-only`}).toPromise();if(i.error||!i.data)return{list:n,error:i.error??null};if(n.push(...i.data.tenants.nodes),!i.data.tenants.pageInfo.hasNextPage||(r=i.data.tenants.pageInfo.endCursor??null,!r))break}return{list:n,error:null}}function l(e=!1){let t=n([]),r=n(null),o=i(!1);async function s(){o.value=!0;let n=await c(e);o.value=!1,r.value=n.error,t.value=n.list}s();let l=a(()=>new Map(t.value.map(e=>[e.code,e])));function u(e){if(!e)return``;let t=l.value.get(e);return t?`${t.name}（${e}）`:e}return{tenants:t,error:r,loading:o,reload:s,byCode:l,tenantName:u}}function u(e){return e.replace(/-(\w)/g,(e,t)=>t.toUpperCase())}function d(t){let n=`admin.roleNames.${u(t)}`;return e.global.te(n)?e.global.t(n):t}function f(t){let n=`admin.orgs.kinds.${u(t)}`;return e.global.te(n)?e.global.t(n):t}var p={"province-admin":`PROVINCE`,"city-admin":`CITY`,"county-admin":`COUNTY`};function m(e,t){let n=new Map(e.map(e=>[e.name,e.adminGroup??null])),r=new Set(t.roles.map(e=>n.get(e)).filter(e=>!!e));return e.filter(e=>{if(t.roles.includes(e.name))return!1;let n=p[e.name];return!(n&&t.tenant&&t.tenant.level!==n||e.adminGroup&&(t.organisationId||r.size&&!r.has(e.adminGroup)))})}function h(){let e=new Uint32Array(14);crypto.getRandomValues(e);let t=``;for(let n of e)t+=`abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789`[n%55];return`Aj-${t}7`}export{d as a,c as i,h as n,o,f as r,l as s,m as t};
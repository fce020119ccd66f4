import{G as e,R as t,V as n,ia as r,oa as i,yi as a}from"./index-GUFkb7Gd.js";function o(){let e=r(null),t=r([]),n=a(()=>t.value.length+1);function i(n){n&&(t.value.push(e.value),e.value=n)}function o(){e.value=t.value.pop()??null}function s(){t.value=[],e.value=null}return{after:e,page:n,next:i,prev:o,reset:s}}var s=e(`
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
`);async function c(e=!1){let n=[],r=null;for(let i=0;i<100;i++){let i=await t.query(s,{first:100,after:r,includeRetired:e},{requestPolicy:`network-only`}).toPromise();if(i.error||!i.data)return{list:n,error:i.error??null};if(n.push(...i.data.tenants.nodes),!i.data.tenants.pageInfo.hasNextPage||(r=i.data.tenants.pageInfo.endCursor??null,!r))break}return{list:n,error:null}}function l(e=!1){let t=i([]),n=i(null),o=r(!1);async function s(){o.value=!0;let r=await c(e);o.value=!1,n.value=r.error,t.value=r.list}s();let l=a(()=>new Map(t.value.map(e=>[e.code,e])));function u(e){if(!e)return``;let t=l.value.get(e);return t?`${t.name}（${e}）`:e}return{tenants:t,error:n,loading:o,reload:s,byCode:l,tenantName:u}}function u(e){return e.replace(/-(\w)/g,(e,t)=>t.toUpperCase())}function d(e){let t=`admin.roleNames.${u(e)}`;return n.global.te(t)?n.global.t(t):e}function f(e){let t=`admin.orgs.kinds.${u(e)}`;return n.global.te(t)?n.global.t(t):e}var p={"province-admin":`PROVINCE`,"city-admin":`CITY`,"county-admin":`COUNTY`};function m(e,t){let n=new Map(e.map(e=>[e.name,e.adminGroup??null])),r=new Set(t.roles.map(e=>n.get(e)).filter(e=>!!e));return e.filter(e=>{if(t.roles.includes(e.name))return!1;let n=p[e.name];return!(n&&t.tenant&&t.tenant.level!==n||e.adminGroup&&(t.organisationId||r.size&&!r.has(e.adminGroup)))})}function h(){let e=new Uint32Array(14);crypto.getRandomValues(e);let t=``;for(let n of e)t+=`abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789`[n%55];return`Aj-${t}7`}export{d as a,c as i,h as n,o,f as r,l as s,m as t};
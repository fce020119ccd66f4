import{Ci as e,G as t,H as n,Y as r,ca as i,ua as a}from"./index-CPRwJYB3.js";function o(){let t=i(null),n=i([]),r=e(()=>n.value.length+1);function a(e){e&&(n.value.push(t.value),t.value=e)}function o(){t.value=n.value.pop()??null}function s(){n.value=[],t.value=null}return{after:t,page:r,next:a,prev:o,reset:s}}var s=r(`
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
`);async function c(e=!1){let t=[],r=null;for(let i=0;i<100;i++){let i=await n.query(s,{first:100,after:r,includeRetired:e},{requestPolicy:`network-only`}).toPromise();if(i.error||!i.data)return{list:t,error:i.error??null};if(t.push(...i.data.tenants.nodes),!i.data.tenants.pageInfo.hasNextPage||(r=i.data.tenants.pageInfo.endCursor??null,!r))break}return{list:t,error:null}}function l(t=!1){let n=a([]),r=a(null),o=i(!1);async function s(){o.value=!0;let e=await c(t);o.value=!1,r.value=e.error,n.value=e.list}s();let l=e(()=>new Map(n.value.map(e=>[e.code,e])));function u(e){if(!e)return``;let t=l.value.get(e);return t?`${t.name}（${e}）`:e}return{tenants:n,error:r,loading:o,reload:s,byCode:l,tenantName:u}}function u(e){return e.replace(/-(\w)/g,(e,t)=>t.toUpperCase())}function d(e){let n=`admin.roleNames.${u(e)}`;return t.global.te(n)?t.global.t(n):e}function f(e){let n=`admin.orgs.kinds.${u(e)}`;return t.global.te(n)?t.global.t(n):e}var p={"province-admin":`PROVINCE`,"city-admin":`CITY`,"county-admin":`COUNTY`};function m(e,t){let n=new Map(e.map(e=>[e.name,e.adminGroup??null])),r=new Set(t.roles.map(e=>n.get(e)).filter(e=>!!e));return e.filter(e=>{if(t.roles.includes(e.name))return!1;let n=p[e.name];return!(n&&t.tenant&&t.tenant.level!==n||e.adminGroup&&(t.organisationId||r.size&&!r.has(e.adminGroup)))})}function h(){let e=new Uint32Array(14);crypto.getRandomValues(e);let t=``;for(let n of e)t+=`abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789`[n%55];return`Aj-${t}7`}export{d as a,c as i,h as n,o,f as r,l as s,m as t};
// Parts the administration pages share: cursor paging, the tenants the caller
// sees, role names and rules, generated passwords.
import { computed, ref, shallowRef } from 'vue'
import { graphql } from '@/gql'
import { client } from '@/api/client'
import { i18n } from '@/i18n'
import type { CombinedError } from '@urql/core'

/** Forward/back paging over opaque cursors: the cursors of earlier pages are kept. */
export function useCursorPager() {
  const after = ref<string | null>(null)
  const stack = ref<(string | null)[]>([])
  const page = computed(() => stack.value.length + 1)
  function next(endCursor: string | null | undefined) {
    if (!endCursor) return
    stack.value.push(after.value)
    after.value = endCursor
  }
  function prev() {
    after.value = stack.value.pop() ?? null
  }
  function reset() {
    stack.value = []
    after.value = null
  }
  return { after, page, next, prev, reset }
}

const AdminTenantsDoc = graphql(`
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
`)

export interface TenantInfo {
  code: string
  name: string
  departmentName: string
  level: 'PROVINCE' | 'CITY' | 'COUNTY'
  retired: boolean
  validFrom: string
  validTo?: string | null
  parent?: { code: string; name: string } | null
  successor?: { code: string; name: string } | null
}

/** Every tenant the caller sees (all pages of `tenants`). */
export async function loadAllTenants(includeRetired = false): Promise<{ list: TenantInfo[]; error: CombinedError | null }> {
  const list: TenantInfo[] = []
  let after: string | null = null
  for (let i = 0; i < 100; i++) {
    const r = await client.query(AdminTenantsDoc, { first: 100, after, includeRetired }, { requestPolicy: 'network-only' }).toPromise()
    if (r.error || !r.data) return { list, error: r.error ?? null }
    list.push(...r.data.tenants.nodes)
    if (!r.data.tenants.pageInfo.hasNextPage) break
    after = r.data.tenants.pageInfo.endCursor ?? null
    if (!after) break
  }
  return { list, error: null }
}

/** The tenants, loaded once per page that asks. */
export function useTenants(includeRetired = false) {
  const tenants = shallowRef<TenantInfo[]>([])
  const error = shallowRef<CombinedError | null>(null)
  const loading = ref(false)
  async function reload() {
    loading.value = true
    const r = await loadAllTenants(includeRetired)
    loading.value = false
    error.value = r.error
    tenants.value = r.list
  }
  reload()
  const byCode = computed(() => new Map(tenants.value.map((t) => [t.code, t])))
  function tenantName(code: string | null | undefined): string {
    if (!code) return ''
    const t = byCode.value.get(code)
    return t ? `${t.name}（${code}）` : code
  }
  return { tenants, error, loading, reload, byCode, tenantName }
}

/** `county-admin` → `countyAdmin`, the key of its name. */
function roleKey(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())
}

/** The role's name for people. */
export function roleLabel(name: string): string {
  const key = `admin.roleNames.${roleKey(name)}`
  return i18n.global.te(key) ? i18n.global.t(key) : name
}

/** The organisation kind's name for people. */
export function kindLabel(kind: string): string {
  const key = `admin.orgs.kinds.${roleKey(kind)}`
  return i18n.global.te(key) ? i18n.global.t(key) : kind
}

/** The tenant level a role needs (system administrators match their tenant's level). */
export const ROLE_LEVEL: Record<string, 'PROVINCE' | 'CITY' | 'COUNTY'> = {
  'province-admin': 'PROVINCE',
  'city-admin': 'CITY',
  'county-admin': 'COUNTY',
}

export interface RoleDef {
  name: string
  adminGroup?: string | null
}

/** Roles that may go to a user: not held yet, of the user's tenant level, never a
 * second administrator group, and no administrator role for organisation members. */
export function assignableRoles(
  all: RoleDef[],
  user: { roles: string[]; organisationId?: string | null; tenant?: { level: string } | null },
): RoleDef[] {
  const groupOf = new Map(all.map((r) => [r.name, r.adminGroup ?? null]))
  const held = new Set(user.roles.map((r) => groupOf.get(r)).filter((g): g is string => !!g))
  return all.filter((r) => {
    if (user.roles.includes(r.name)) return false
    const level = ROLE_LEVEL[r.name]
    if (level && user.tenant && user.tenant.level !== level) return false
    if (r.adminGroup) {
      if (user.organisationId) return false
      if (held.size && !held.has(r.adminGroup)) return false
    }
    return true
  })
}

/** A random password of the default policy's kind (upper, lower, digit, symbol). */
export function generatePassword(): string {
  const alnum = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = new Uint32Array(14)
  crypto.getRandomValues(bytes)
  let body = ''
  for (const b of bytes) body += alnum[b % alnum.length]
  return `Aj-${body}7`
}

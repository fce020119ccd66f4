// The signed-in user: tokens, who they are, what they may do.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { graphql } from '@/gql'
import type { MeQuery } from '@/gql/graphql'
import { client, resetSubscriptions } from '@/api/client'
import { session } from '@/api/session'
import type { CombinedError } from '@urql/core'

export const MeDoc = graphql(`
  query Me {
    me {
      id
      username
      displayName
      roles
      permissions
      passwordExpired
      organisationId
      visibleTenantCodes
      tenant { code name level }
    }
  }
`)

const LoginDoc = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { token expiresAt refreshToken refreshExpiresAt }
  }
`)

const RefreshDoc = graphql(`
  mutation Refresh($input: RefreshTokenInput!) {
    refreshToken(input: $input) { token expiresAt refreshToken refreshExpiresAt }
  }
`)

const LogoutDoc = graphql(`
  mutation Logout { logout }
`)

export type MeInfo = MeQuery['me']

export const useAuth = defineStore('auth', () => {
  const me = ref<MeInfo | null>(null)
  const signedIn = computed(() => me.value !== null)

  /** The permission (`hazard.read`, `user.manage`, ...) is one the user holds. */
  function can(p: string | undefined | null): boolean {
    if (!p) return true
    return me.value?.permissions.includes(p) ?? false
  }
  function hasRole(r: string): boolean {
    return me.value?.roles.includes(r) ?? false
  }

  async function login(username: string, password: string): Promise<CombinedError | null> {
    // A token left from an ended session must not ride along with the sign-in.
    session.clear()
    const r = await client.mutation(LoginDoc, { input: { username, password } }, { requestPolicy: 'network-only' }).toPromise()
    if (r.error || !r.data) return r.error ?? null
    session.set(r.data.login)
    resetSubscriptions()
    return (await loadMe()) ? null : (r.error ?? null)
  }

  /** Who the token belongs to; false when there is no valid session. */
  async function loadMe(): Promise<boolean> {
    if (!session.token()) {
      me.value = null
      return false
    }
    let r = await client.query(MeDoc, {}, { requestPolicy: 'network-only' }).toPromise()
    if (r.error?.graphQLErrors[0]?.extensions?.code === 'UNAUTHENTICATED' && (await refresh())) {
      r = await client.query(MeDoc, {}, { requestPolicy: 'network-only' }).toPromise()
    }
    if (r.error?.networkError) throw r.error
    me.value = r.data?.me ?? null
    if (!me.value) session.clear()
    return me.value !== null
  }

  /** Exchanges the refresh token for a new pair; false when it is spent. */
  async function refresh(): Promise<boolean> {
    const s = session.get()
    if (!s) return false
    const r = await client
      .mutation(RefreshDoc, { input: { refreshToken: s.refreshToken } }, { requestPolicy: 'network-only' })
      .toPromise()
    if (!r.data) {
      session.clear()
      return false
    }
    session.set(r.data.refreshToken)
    resetSubscriptions()
    return true
  }

  async function logout() {
    if (session.token()) await client.mutation(LogoutDoc, {}).toPromise()
    session.clear()
    resetSubscriptions()
    me.value = null
  }

  /** The session ended on the server (expired, revoked): forget it here. */
  function expire() {
    session.clear()
    resetSubscriptions()
    me.value = null
  }

  return { me, signedIn, can, hasRole, login, loadMe, refresh, logout, expire }
})

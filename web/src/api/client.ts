// The one GraphQL client: HTTP for queries and mutations, graphql-transport-ws
// for subscriptions, the bearer token and the language on every request.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from '@urql/core'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
import { session } from './session'
import { currentLocale } from '@/i18n'

let ws: WsClient | null = null

function wsClient(): WsClient {
  if (!ws) {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
    ws = createWsClient({
      url: `${proto}//${location.host}/graphql/ws`,
      connectionParams: () => {
        const t = session.token()
        return t ? { Authorization: `Bearer ${t}` } : {}
      },
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
    })
  }
  return ws
}

/** Closes the subscription socket (on sign-out, or when the token changes). */
export function resetSubscriptions() {
  ws?.dispose()
  ws = null
}

let onSessionLost: (() => void) | null = null

/** What to do when the server says the session is gone (expired, revoked). */
export function setSessionLostHandler(f: () => void) {
  onSessionLost = f
}

export const client = new Client({
  url: '/graphql',
  requestPolicy: 'cache-and-network',
  exchanges: [
    mapExchange({
      onError(error, operation) {
        const code = error.graphQLErrors[0]?.extensions?.code
        const name = operation.query.definitions[0]
        const op = name && 'name' in name ? name.name?.value : undefined
        if (code === 'UNAUTHENTICATED' && op !== 'Login' && op !== 'Refresh' && op !== 'Me' && session.token()) {
          onSessionLost?.()
        }
      },
    }),
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || '' }
        return {
          subscribe(sink) {
            const dispose = wsClient().subscribe(input, sink)
            return { unsubscribe: dispose }
          },
        }
      },
    }),
  ],
  fetchOptions: () => {
    const headers: Record<string, string> = { 'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN' }
    const t = session.token()
    if (t) headers.Authorization = `Bearer ${t}`
    return { headers }
  },
})

/** The `extensions.code` of the first GraphQL error, or NETWORK for a lost connection. */
export function errorCode(e: CombinedError | null | undefined): string | null {
  if (!e) return null
  if (e.networkError) return 'NETWORK'
  const code = e.graphQLErrors[0]?.extensions?.code
  return typeof code === 'string' ? code : 'INTERNAL'
}

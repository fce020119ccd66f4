// A query that follows its variables: the shape of @urql/vue's useQuery
// (data, error, fetching, executeQuery), on the console's one client, so the
// pages work whether or not the app installed the urql plugin.
import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import type { AnyVariables, CombinedError, RequestPolicy, TypedDocumentNode } from '@urql/core'
import { client } from '@/api/client'

export function useGql<D, V extends AnyVariables>(opts: {
  query: TypedDocumentNode<D, V>
  variables?: MaybeRefOrGetter<V>
  pause?: MaybeRefOrGetter<boolean>
  requestPolicy?: RequestPolicy
}) {
  const data = shallowRef<D | undefined>()
  const error = shallowRef<CombinedError | undefined>()
  const fetching = ref(false)
  let sub: { unsubscribe(): void } | null = null

  function executeQuery(o?: { requestPolicy?: RequestPolicy }) {
    sub?.unsubscribe()
    sub = null
    if (toValue(opts.pause)) {
      fetching.value = false
      return
    }
    fetching.value = true
    const vars = (toValue(opts.variables) ?? {}) as V
    sub = client.query(opts.query, vars, { requestPolicy: o?.requestPolicy ?? opts.requestPolicy ?? 'cache-and-network' }).subscribe((r) => {
      if (r.data !== undefined || !r.error) data.value = r.data ?? undefined
      error.value = r.error
      fetching.value = !!r.stale
    })
  }

  watch(
    () => [JSON.stringify(toValue(opts.variables) ?? {}), !!toValue(opts.pause)],
    () => executeQuery(),
    { immediate: true },
  )
  onScopeDispose(() => sub?.unsubscribe())
  return { data, error, fetching, executeQuery }
}

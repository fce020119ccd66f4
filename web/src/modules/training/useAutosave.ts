// Every answer goes to the server at once (examSave); what could not be sent
// waits in a queue (kept in sessionStorage) and is sent again every
// `autosaveSeconds`, when the browser is back online, and a few seconds after
// a failure. The status says whether everything is saved.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue'
import type { CombinedError } from '@urql/core'
import { graphql } from '@/gql'
import { errorCode } from '@/api/client'
import { examClient } from './examClient'
import { examStore, type PendingAnswer } from './examStore'

const SaveDoc = graphql(`
  mutation ExamSave($token: String!, $no: Int!, $answer: [String!]!, $marked: Boolean) {
    examSave(token: $token, no: $no, answer: $answer, marked: $marked) { no seq savedAt remainingSeconds }
  }
`)

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'error'

/** Codes after which sending again cannot help: the paper is closed to answers. */
const FINAL = new Set(['CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'])
const RETRY_MS = 3000

export interface AutosaveHooks {
  /** The server's acknowledgement: re-syncs the clock. */
  onAck(remainingSeconds: number, savedAt: string): void
  /** The server refuses answers for good (time up, submitted, token gone). */
  onClosed(error: CombinedError): void
  /** One answer was refused (VALIDATION_FAILED): it is dropped. */
  onRejected(no: number, error: CombinedError): void
  /** The connection is back: the page re-reads the attempt (clock, state). */
  onReconnect(): void
}

export function useAutosave(token: string, autosaveSeconds: () => number, hooks: AutosaveHooks) {
  /** Unsaved answers by number, each with the version of the edit. */
  const queue = ref(new Map<number, PendingAnswer & { ver: number }>())
  const inFlight = ref(new Set<number>())
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  /** Why the last send failed: no connection, or the server (kept, retried). */
  const failed = ref<'network' | 'server' | null>(null)
  const lastSavedAt = ref('')
  let closed = false
  let ver = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let periodic: ReturnType<typeof setInterval> | null = null

  for (const [no, p] of Object.entries(examStore.pending(token))) {
    queue.value.set(Number(no), { ...p, ver: ++ver })
  }

  function refreshOnline() {
    if (typeof navigator !== 'undefined') online.value = navigator.onLine
  }

  function persist() {
    const out: Record<number, PendingAnswer> = {}
    for (const [no, p] of queue.value) out[no] = { answer: p.answer, marked: p.marked }
    examStore.setPending(token, out)
  }

  const status = computed<SaveStatus>(() => {
    if (inFlight.value.size) return 'saving'
    if (!queue.value.size) return 'saved'
    if (!online.value || failed.value === 'network') return 'offline'
    return failed.value === 'server' ? 'error' : 'saving'
  })

  /** Queues the answer of question `no` and sends it now. */
  function save(no: number, answer: string[], marked: boolean) {
    if (closed) return
    queue.value.set(no, { answer: [...answer], marked, ver: ++ver })
    persist()
    send(no)
  }

  async function send(no: number) {
    if (closed || inFlight.value.has(no)) return
    const item = queue.value.get(no)
    if (!item) return
    refreshOnline()
    if (!online.value) {
      failed.value = 'network'
      scheduleRetry()
      return
    }
    inFlight.value.add(no)
    const r = await examClient
      .mutation(SaveDoc, { token, no, answer: item.answer, marked: item.marked }, { requestPolicy: 'network-only' })
      .toPromise()
    inFlight.value.delete(no)
    if (closed) return
    if (r.data?.examSave) {
      failed.value = null
      const now = queue.value.get(no)
      if (now && now.ver === item.ver) queue.value.delete(no)
      persist()
      lastSavedAt.value = r.data.examSave.savedAt
      hooks.onAck(r.data.examSave.remainingSeconds, r.data.examSave.savedAt)
      // A newer edit of the same question came in while this one was on its way.
      if (queue.value.has(no)) send(no)
      return
    }
    const code = errorCode(r.error)
    if (code === 'NETWORK') {
      failed.value = 'network'
      refreshOnline()
      scheduleRetry()
      return
    }
    if (code && FINAL.has(code) && r.error) {
      close()
      hooks.onClosed(r.error)
      return
    }
    if (code === 'VALIDATION_FAILED' && r.error) {
      queue.value.delete(no)
      persist()
      hooks.onRejected(no, r.error)
      return
    }
    // Rate limited, a server error: keep it and try again.
    failed.value = 'server'
    scheduleRetry()
  }

  /** Sends every unsaved answer. */
  function flush() {
    if (closed) return
    for (const no of [...queue.value.keys()]) send(no)
  }

  function scheduleRetry() {
    if (retryTimer || closed) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      flush()
    }, RETRY_MS)
  }

  /** Sends what is left and waits (up to `ms`) until all is saved. */
  async function settle(ms = 10_000): Promise<boolean> {
    flush()
    const until = Date.now() + ms
    while (Date.now() < until) {
      if (!queue.value.size && !inFlight.value.size) return true
      if (closed) return false
      await new Promise((r) => setTimeout(r, 200))
    }
    return !queue.value.size
  }

  function close() {
    closed = true
    queue.value.clear()
    persist()
    if (retryTimer) clearTimeout(retryTimer)
    if (periodic) clearInterval(periodic)
    retryTimer = null
    periodic = null
  }

  function goOnline() {
    online.value = true
    failed.value = null
    flush()
    hooks.onReconnect()
  }
  function goOffline() {
    online.value = false
  }

  onMounted(() => {
    window.addEventListener('online', goOnline)
    window.addEventListener('offline', goOffline)
    periodic = setInterval(flush, Math.max(5, autosaveSeconds() || 30) * 1000)
    flush()
  })
  onBeforeUnmount(() => {
    window.removeEventListener('online', goOnline)
    window.removeEventListener('offline', goOffline)
    if (retryTimer) clearTimeout(retryTimer)
    if (periodic) clearInterval(periodic)
  })

  /** The unsaved answer of `no`, if any (shown over the server's). */
  function unsaved(no: number): PendingAnswer | undefined {
    return queue.value.get(no)
  }

  return { status, save, flush, settle, close, unsaved, lastSavedAt, online, pendingCount: computed(() => queue.value.size) }
}

// GraphQL errors for people: a Chinese (or English) message per code, and the
// field-level details of VALIDATION_FAILED for the form that sent them.
import type { CombinedError } from '@urql/core'
import { i18n } from '@/i18n'
import { errorCode } from './client'

/** The message to show for an error: the server's own (already localised) for
 * validation and conflicts, which name the problem; the code's otherwise. */
export function errorMessage(e: CombinedError | null | undefined): string {
  if (!e) return ''
  const code = errorCode(e) ?? 'INTERNAL'
  const t = i18n.global.t
  const serverMsg = e.graphQLErrors[0]?.message
  if ((code === 'CONFLICT' || code === 'VALIDATION_FAILED') && serverMsg) return serverMsg
  if (code === 'RATE_LIMITED') {
    const after = e.graphQLErrors[0]?.extensions?.retryAfter
    return t('errors.RATE_LIMITED', { seconds: typeof after === 'number' ? after : 60 })
  }
  const key = `errors.${code}`
  return i18n.global.te(key) ? t(key) : t('errors.INTERNAL')
}

/** Field → message, from the `details` of a VALIDATION_FAILED error. */
export function fieldErrors(e: CombinedError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const g of e?.graphQLErrors ?? []) {
    const details = g.extensions?.details
    if (Array.isArray(details)) {
      for (const d of details as { field?: string; message?: string }[]) {
        if (d.field && d.message && !out[d.field]) out[d.field] = d.message
      }
    }
  }
  return out
}

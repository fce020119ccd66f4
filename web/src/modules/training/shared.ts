// What the training pages share: field errors keyed for a form, numbers and
// durations for people. Files go as base64 with the enterprise module's
// `toBase64`/`downloadBase64`, pages with the administration's `CursorPager`.
import type { CombinedError } from '@urql/core'
import { fieldErrors } from '@/api/errors'

/** Field errors with the `input.` prefix the server may put on them dropped. */
export function formErrors(e: CombinedError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fieldErrors(e))) {
    const key = k.replace(/^input\./, '')
    if (!out[key]) out[key] = v
  }
  return out
}

/** Field errors of `fields` stay beside them; the rest are listed above the form. */
export function splitErrors(all: Record<string, string>, fields: readonly string[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {}
  const other: string[] = []
  for (const [k, v] of Object.entries(all)) {
    if (fields.includes(k)) byField[k] = v
    else other.push(v)
  }
  return { byField, other }
}

/** `01:05:09` or `05:09`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  return h ? `${pad(h)}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`
}

/** A rate (0–1) as `87.5%`. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`
}

/** A score without needless decimals; `—` for none. */
export function score(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  return String(Math.round(v * 100) / 100)
}

// Names of the codes the credit API uses (in the console's language), and
// small helpers. The server names triggers and penalty types itself
// (`triggerName`, `penaltyTypeName`: Chinese); states and steps are named here.
import { useI18n } from 'vue-i18n'

export const STATES = [
  'proposed', 'notified', 'decided', 'published', 'managed', 'removal_applied', 'removed', 'dismissed',
] as const
export const SOURCES = ['accident', 'hazard', 'penalty', 'standardization', 'manual'] as const
export const ENFORCEMENTS = ['pending', 'executing', 'executed'] as const
export const APPEALS = ['none', 'reconsideration', 'litigation', 'upheld', 'changed', 'revoked'] as const
export const REMOVAL_KINDS = ['expiry', 'early_repair'] as const
export const REVIEW_OUTCOMES = ['remove', 'extend', 'reject'] as const
export const TASK_KINDS = ['inspection', 'summons'] as const

export function useLabels() {
  const { t, te } = useI18n()
  const name = (group: string, code: string | null | undefined, fallback?: string | null) => {
    if (!code) return fallback ?? ''
    const key = `credit.${group}.${code}`
    return te(key) ? t(key) : (fallback ?? code)
  }
  return {
    stateName: (c?: string | null, fallback?: string | null) => name('state', c, fallback),
    sourceName: (c?: string | null) => name('source', c),
    actionName: (c?: string | null) => name('action', c),
    stepName: (c?: string | null) => name('step', c),
    taskKindName: (c?: string | null) => name('taskKind', c),
    enforcementName: (c?: string | null) => name('enforcement', c),
    appealName: (c?: string | null) => name('appeal', c),
    removalKindName: (c?: string | null) => name('removalKind', c),
    outcomeName: (c?: string | null) => name('outcome', c),
    partyKindName: (c?: string | null) => name('partyKind', c),
    penaltyStateName: (c?: string | null) => name('penaltyState', c),
  }
}

/** Penalty types that carry an amount (a fine, a confiscation). */
export function hasAmount(code: string, zh?: string | null): boolean {
  return /fine|confiscat/i.test(code) || /罚款|没收/.test(zh ?? '')
}

/** An amount of yuan as shown: `12,500.00` ('' for none: the API gives 0). */
export function fmtYuan(v: number | null | undefined): string {
  if (v === null || v === undefined || v === 0) return ''
  return v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** Trimmed text, or null when empty (optional arguments). */
export function opt(s: string | null | undefined): string | null {
  const v = (s ?? '').trim()
  return v ? v : null
}

/** `?key=value` of the URL as a string ('' when absent or repeated). */
export function queryString(q: Record<string, unknown>, k: string): string {
  const v = q[k]
  return typeof v === 'string' ? v : ''
}

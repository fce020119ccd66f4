// Chinese (or English) names of the codes the API uses.
import { useI18n } from 'vue-i18n'

export const STATES = [
  'rectifying', 'awaiting-acceptance', 'reported', 'verified', 'listed', 'governing', 'evaluated', 'close-applied', 'site-checked', 'closed',
] as const
export const LEVELS = ['general', 'major'] as const
export const SOURCES = ['self-check', 'inspection', 'public-report'] as const

export function useLabels() {
  const { t, te } = useI18n()
  const name = (group: string, code: string | null | undefined) => {
    if (!code) return ''
    const key = `hazard.${group}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    stateName: (c?: string | null) => name('state', c),
    levelName: (c?: string | null) => name('level', c),
    sourceName: (c?: string | null) => name('source', c),
    actionName: (c?: string | null) => name('action', c),
    listingLevelName: (c?: string | null) => name('listingLevel', c),
    categoryName: (c?: string | null) => name('category', c),
  }
}

/** A day (YYYY-MM-DD) as the start of that day in the province (RFC 3339). */
export function dayStart(d: string): string {
  return `${d}T00:00:00+08:00`
}

/** The day after `d` (YYYY-MM-DD), for exclusive upper bounds. */
export function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`)
  t.setUTCDate(t.getUTCDate() + 1)
  return t.toISOString().substring(0, 10)
}

// Names of the codes the accident API uses (in the console's language), the
// province's grading rules as the form needs them, and small helpers.
import { useI18n } from 'vue-i18n'

export const GRADES = ['especially_serious', 'major', 'larger', 'general'] as const
export const STATES = ['reported', 'report_submitted', 'approved', 'closed'] as const
export const LEVELS = ['county', 'city', 'province'] as const
export const SIZES = ['large', 'medium', 'small', 'micro'] as const
export const TYPES = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
] as const
export const SECTIONS = 'ABCDEFGHIJKLMNOPQRST'.split('')
export const FINDING_KINDS = ['late_report', 'concealed', 'false_report'] as const
export const DIMENSIONS = ['DIVISION', 'INDUSTRY', 'TYPE', 'GRADE', 'SIZE'] as const
export type Dimension = (typeof DIMENSIONS)[number]

export function useLabels() {
  const { t, te } = useI18n()
  const name = (group: string, code: string | null | undefined, fallback?: string | null) => {
    if (!code) return fallback ?? ''
    const key = `accident.${group}.${code}`
    return te(key) ? t(key) : (fallback ?? code)
  }
  return {
    gradeName: (c?: string | null) => name('grade', c),
    stateName: (c?: string | null) => name('state', c),
    levelName: (c?: string | null) => name('level', c),
    typeName: (c?: string | null, fallback?: string | null) => name('type', c, fallback),
    sectionName: (c?: string | null, fallback?: string | null) => name('section', c, fallback),
    sizeName: (c?: string | null) => name('size', c),
    clockName: (c?: string | null, fallback?: string | null) => name('clock', c, fallback),
    findingName: (c?: string | null, fallback?: string | null) => name('finding', c, fallback),
    actionName: (c?: string | null) => name('action', c),
    followUpStatusName: (c?: string | null) => name('followUpStatus', c),
    dimensionName: (c?: string | null) => name('dimension', c),
  }
}

/** One grade's lower bounds ("以上" includes the bound). */
export interface Threshold { grade: string; deaths: number; seriousInjuries: number; lossWan: number }
export interface Duty { grade: string; reportTo: string; investigatedBy: string }
/** The province's rules (`accidentRules`), as far as the pages use them. */
export interface Rules {
  thresholds: Threshold[]
  missingCountAsDeaths: boolean
  unitReportMinutes: number
  relayMinutes: number
  followUpDays: number
  shortFollowUpDays: number
  shortFollowUpTypes: string[]
  investigationDays: number
  extensionDays: number
  approvalDays: number
  duties: Duty[]
}

/** The national values (国务院令493号), the server's defaults. */
export const DEFAULT_RULES: Rules = {
  thresholds: [
    { grade: 'especially_serious', deaths: 30, seriousInjuries: 100, lossWan: 10000 },
    { grade: 'major', deaths: 10, seriousInjuries: 50, lossWan: 5000 },
    { grade: 'larger', deaths: 3, seriousInjuries: 10, lossWan: 1000 },
  ],
  missingCountAsDeaths: true,
  unitReportMinutes: 60,
  relayMinutes: 120,
  followUpDays: 30,
  shortFollowUpDays: 7,
  shortFollowUpTypes: ['08'],
  investigationDays: 60,
  extensionDays: 60,
  approvalDays: 15,
  duties: [
    { grade: 'especially_serious', reportTo: 'province', investigatedBy: 'province' },
    { grade: 'major', reportTo: 'province', investigatedBy: 'province' },
    { grade: 'larger', reportTo: 'province', investigatedBy: 'city' },
    { grade: 'general', reportTo: 'city', investigatedBy: 'county' },
  ],
}

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d)

/** The rules from the API's JSON, the defaults where a key is missing. */
export function parseRules(raw: unknown): Rules {
  const r = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const d = DEFAULT_RULES
  const thresholds = Array.isArray(r.thresholds)
    ? (r.thresholds as Record<string, unknown>[]).map((x) => ({
        grade: String(x.grade ?? ''),
        deaths: num(x.deaths, 0),
        seriousInjuries: num(x.seriousInjuries, 0),
        lossWan: num(x.lossWan, 0),
      }))
    : d.thresholds
  const duties = Array.isArray(r.duties)
    ? (r.duties as Record<string, unknown>[]).map((x) => ({
        grade: String(x.grade ?? ''),
        reportTo: String(x.reportTo ?? 'province'),
        investigatedBy: String(x.investigatedBy ?? 'province'),
      }))
    : d.duties
  return {
    thresholds,
    missingCountAsDeaths: typeof r.missingCountAsDeaths === 'boolean' ? r.missingCountAsDeaths : d.missingCountAsDeaths,
    unitReportMinutes: num(r.unitReportMinutes, d.unitReportMinutes),
    relayMinutes: num(r.relayMinutes, d.relayMinutes),
    followUpDays: num(r.followUpDays, d.followUpDays),
    shortFollowUpDays: num(r.shortFollowUpDays, d.shortFollowUpDays),
    shortFollowUpTypes: Array.isArray(r.shortFollowUpTypes) ? r.shortFollowUpTypes.map(String) : d.shortFollowUpTypes,
    investigationDays: num(r.investigationDays, d.investigationDays),
    extensionDays: num(r.extensionDays, d.extensionDays),
    approvalDays: num(r.approvalDays, d.approvalDays),
    duties,
  }
}

export interface Figures { deaths: number; missing: number; seriousInjuries: number; minorInjuries: number; directLossWan: number }

/** The grade the figures reach: the worst any one measure reaches (as the server grades). */
export function gradeOf(rules: Rules, f: Partial<Figures>): string {
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
  const deaths = n(f.deaths) + (rules.missingCountAsDeaths ? n(f.missing) : 0)
  const hit = rules.thresholds.find(
    (t) => deaths >= t.deaths || n(f.seriousInjuries) >= t.seriousInjuries || n(f.directLossWan) >= t.lossWan,
  )
  return hit?.grade ?? 'general'
}

/** The figures of a follow-up's `before`/`after` JSON. */
export function parseFigures(raw: unknown): Figures {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  return {
    deaths: num(r.deaths, 0),
    missing: num(r.missing, 0),
    seriousInjuries: num(r.seriousInjuries, 0),
    minorInjuries: num(r.minorInjuries, 0),
    directLossWan: num(r.directLossWan, 0),
  }
}

/** A JSON object's field, or undefined. */
export function field(raw: unknown, key: string): unknown {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[key] : undefined
}

/** `yyyy-MM-ddTHH:mm` of now in the browser's zone (a datetime-local input's value). */
export function localNow(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** A number as shown in tables: up to 2 decimals. */
export function fmtNum(v: number | null | undefined): string {
  if (v === null || v === undefined) return ''
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '')
}

/** A percentage change, `+12.5%`, or '—' without a base. */
export function fmtChange(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}%`
}

/** `2天 04:05:06` or `01:59:32`, with a leading minus when past: for clocks (ticks every second). */
export function fmtDuration(seconds: number, dayUnit: string): string {
  const neg = seconds < 0
  let s = Math.abs(Math.trunc(seconds))
  const d = Math.floor(s / 86400)
  s -= d * 86400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const p = (n: number) => String(n).padStart(2, '0')
  const text = `${d > 0 ? `${d}${dayUnit} ` : ''}${p(h)}:${p(m)}:${p(s)}`
  return neg ? `-${text}` : text
}

/** How urgent an open clock is: `ok`, `warn` (under half its span left), `danger` (under 15% or past). */
export function urgency(startedAt: string, dueAt: string, now: number): 'ok' | 'warn' | 'danger' {
  const start = new Date(startedAt).getTime()
  const due = new Date(dueAt).getTime()
  const span = Math.max(due - start, 1)
  const left = due - now
  if (left <= 0 || left < span * 0.15) return 'danger'
  if (left < span * 0.5) return 'warn'
  return 'ok'
}

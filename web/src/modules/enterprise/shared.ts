// What the enterprise pages share: the register's codes, field names (the API
// reports fields in the exchange format's snake_case), value display.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

export const INDUSTRIES = ['KS', 'SY', 'XK', 'CJ', 'DZ', 'WH', 'HG', 'YY', 'YH', 'YJ', 'YS', 'JC', 'JX', 'QG', 'FZ', 'YC', 'SM'] as const
export const SIZE_BANDS = ['large', 'medium', 'small', 'micro'] as const
export const STATUSES = ['operating', 'suspended', 'closed'] as const
export const RISK_FLAGS = ['dust-explosion', 'ammonia-refrigeration', 'confined-space', 'metallurgical-gas', 'molten-metal'] as const
export const HAZARD_GRADES = [1, 2, 3, 4] as const

/** The fields of EnterpriseInput, in the form's order. */
export const FIELDS = [
  'uscc', 'name', 'legalRepresentative', 'principal', 'principalPhone', 'safetyManager', 'safetyManagerPhone',
  'registeredAddress', 'productionAddress', 'divisionCode', 'latitude', 'longitude', 'industry', 'industrySubtype',
  'gbt4754', 'registrationType', 'sizeBand', 'aboveDesignatedSize', 'staffCount', 'revenueWan', 'foundedOn', 'status',
  'safetyStaff', 'safetyEngineers', 'riskFlags', 'licences', 'majorHazards',
] as const
export type FieldName = (typeof FIELDS)[number]

/** `principal_phone` → `principalPhone` (the API's field names are the exchange format's). */
export function camel(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** Field errors keyed by the form's (camelCase) names, e.g. `licences[0].number` → `licences`. */
export function formErrors(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw)) {
    const key = camel(k.split(/[.[]/)[0])
    if (!out[key]) out[key] = v
  }
  return out
}

export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/** Saves base64 bytes (XLSX) as a file. */
export function downloadBase64(name: string, b64: string, type: string) {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** One CSV cell, quoted when needed. */
export function csvCell(v: unknown): string {
  const s = v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Splits CSV text into rows of cells (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const src = text.replace(/^\ufeff/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Labels and value texts of the register, in the current language. */
export function useLabels() {
  const { t, te } = useI18n()
  function fieldLabel(field: string): string {
    const k = `enterprise.field.${camel(field)}`
    return te(k) ? t(k) : field
  }
  function industryName(code: string | null | undefined): string {
    if (!code) return ''
    const k = `enterprise.industry.${code}`
    return te(k) ? t(k) : code
  }
  function codeText(kind: 'sizeBand' | 'status' | 'riskFlag', v: string | null | undefined): string {
    if (!v) return ''
    const k = `enterprise.${kind}.${v}`
    return te(k) ? t(k) : v
  }
  function valueText(field: string, v: unknown): string {
    if (v === null || v === undefined || v === '') return '—'
    const f = camel(field)
    if (f === 'industry' && typeof v === 'string') return industryName(v)
    if (f === 'sizeBand' && typeof v === 'string') return codeText('sizeBand', v)
    if (f === 'status' && typeof v === 'string') return codeText('status', v)
    if (f === 'riskFlags') {
      const list = Array.isArray(v) ? v : String(v).split(/[;；,]/).filter(Boolean)
      return list.map((x) => codeText('riskFlag', String(x))).join('、') || '—'
    }
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
    if (f === 'licences' && Array.isArray(v)) {
      return v.map((l: Record<string, unknown>) => [l.kind, l.number, l.expires_on ?? l.expiresOn].filter(Boolean).join(' ')).join('；') || '—'
    }
    if (f === 'majorHazards' && Array.isArray(v)) {
      return v.map((h: Record<string, unknown>) => `${h.name} (R=${h.r_value ?? h.rValue})`).join('；') || '—'
    }
    if (typeof v === 'string' || typeof v === 'number') return String(v)
    return JSON.stringify(v)
  }
  const industryOptions = computed(() => INDUSTRIES.map((c) => ({ value: c, label: `${c} ${industryName(c)}` })))
  return { t, fieldLabel, industryName, codeText, valueText, industryOptions }
}

/** `[{field, before, after}]` of the history, or a change request's `{field: value}` against the record. */
export interface DiffRow {
  field: string
  before: unknown
  after: unknown
}

export function historyDiff(changes: unknown): DiffRow[] {
  if (Array.isArray(changes)) {
    return changes
      .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
      .map((c) => ({ field: String(c.field ?? ''), before: c.before ?? null, after: c.after ?? null }))
  }
  if (changes && typeof changes === 'object') {
    return Object.entries(changes as Record<string, unknown>).map(([field, after]) => ({ field, before: null, after }))
  }
  return []
}

/** `YYYY-MM-DD` of today plus `days`, in the province's calendar. */
export function dayPlus(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

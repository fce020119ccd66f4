// Dates and numbers as the province reads them: the province's time zone
// (China Standard Time), whatever the browser's own zone is.
export const PROVINCE_TIME_ZONE = 'Asia/Shanghai'

const dt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const d = new Intl.DateTimeFormat('zh-CN', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** `2026-12-03 09:30` in the province's zone; '' for nothing. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  return dt.format(t).replace(/\//g, '-')
}

/** `2026-12-03` in the province's zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  return d.format(t).replace(/\//g, '-')
}

/** Saves text as a file the browser downloads (exports, rejected rows). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const bom = type.startsWith('text/csv') ? '\ufeff' : ''
  const url = URL.createObjectURL(new Blob([bom + text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

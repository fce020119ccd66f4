// Chinese (or English) names of the codes the API uses.
import { useI18n } from 'vue-i18n'

export const STATES = [
  'draft', 'self-assessed', 'submitted', 'accepted', 'refused', 'under-review', 'rectifying', 'reviewed', 'report-signed',
  'organiser-audited', 'publicising', 'announced', 'certified', 'withdrawn',
] as const

/** States no step leaves. */
export const FINAL_STATES: readonly string[] = ['refused', 'certified', 'withdrawn']
/** The states an application is still moving through, in the order of the flow. */
export const OPEN_STATES = STATES.filter((s) => !FINAL_STATES.includes(s))

export function useLabels() {
  const { t, te } = useI18n()
  const name = (group: string, code: string | null | undefined) => {
    if (!code) return ''
    const key = `standardization.${group}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    stateName: (c?: string | null) => name('state', c),
    gradeName: (c?: string | null) => name('grade', c),
    actionName: (c?: string | null) => name('action', c),
    certStatusName: (c?: string | null) => name('certStatus', c),
  }
}

/** A checklist item, as `ChecklistNode.items` carries it. */
export interface ChecklistItem {
  code: string
  element: string
  text: string
  points: number
  deductionRule?: string | null
  veto?: boolean | null
}

// Who may open the accident pages and be offered which step. Enterprise
// users hold no `accident.*` permission: the API lets them report their own
// enterprise's accidents, follow them up and see them, by their role. The
// buttons below follow the API's rules (service.rs, investigation.rs); the
// server decides in the end.
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'

export const READ = ['accident.read', 'role:enterprise']
export const REPORT = ['accident.report', 'role:enterprise']
/** The duty board and statistics are for supervision departments. */
export const OFFICIAL = 'accident.read'
export const GOVERN = 'accident.govern'

export function isEnterpriseUser(): boolean {
  return useAuth(pinia).hasRole('enterprise')
}

/** The signed-in user's level: `county`, `city` or `province`. */
export function myLevel(): string {
  return (useAuth(pinia).me?.tenant?.level ?? '').toLowerCase()
}

export function myTenant(): string {
  return useAuth(pinia).me?.tenant?.code ?? ''
}

/** What the detail page needs to know of an accident to offer steps. */
export interface AccidentFacts {
  tenantCode: string
  state: string
  reachedLevel: string
  mustPassUp: boolean
  investigatedBy: string
  extended: boolean
  acknowledgements: { level: string }[]
  pendingFollowUp: boolean
}

/** The steps this user may be offered, in the order shown. */
export function offeredSteps(a: AccidentFacts): string[] {
  const auth = useAuth(pinia)
  const out: string[] = []
  const level = myLevel()
  const enterprise = auth.hasRole('enterprise')
  const manages = !enterprise && auth.can('accident.manage')
  // Officials see only accidents of their area: a user at the level holding
  // the report is that level's department for it (a county's must be the
  // accident's own county).
  const atLevel = (l: string) => manages && level === l && (l !== 'county' || myTenant() === a.tenantCode)
  if (atLevel(a.reachedLevel) && !a.acknowledgements.some((k) => k.level === a.reachedLevel)) out.push('acknowledge')
  if (atLevel(a.reachedLevel) && a.mustPassUp) out.push('pass_up')
  const county = myTenant() === a.tenantCode
  if (a.state !== 'closed' && !a.pendingFollowUp && (enterprise || (county && (auth.can('accident.report') || manages)))) {
    out.push('follow_up')
  }
  if (atLevel(a.investigatedBy)) {
    if (a.state === 'reported' && !a.extended) out.push('extend')
    if (a.state === 'reported') out.push('submit_report')
    if (a.state === 'report_submitted') out.push('approve_report')
    if (a.state === 'approved') out.push('close')
  }
  if (manages) out.push('finding')
  return out
}

/** The province decides late follow-ups. */
export function mayDecideFollowUps(): boolean {
  const auth = useAuth(pinia)
  return auth.can('accident.govern') && myLevel() === 'province'
}

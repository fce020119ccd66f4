// Who may open the credit pages and be offered which step. Enterprise users
// hold no `credit.*` permission: the API lets them see their own
// enterprise's listings, state a defence and apply for removal, by their
// role. The buttons follow the API's rules; the server decides in the end.
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'

/** Listings: supervision departments, and enterprise users for their own. */
export const READ = ['credit.read', 'role:enterprise']
/** Events and penalties are for supervision departments only. */
export const OFFICIAL = 'credit.read'
export const MANAGE = 'credit.manage'

export function isEnterpriseUser(): boolean {
  return useAuth(pinia).hasRole('enterprise')
}

/** Proposes, notifies, decides, publishes, reviews; records penalties. */
export function canManage(): boolean {
  const auth = useAuth(pinia)
  return !auth.hasRole('enterprise') && auth.can(MANAGE)
}

/** What the detail page needs to know of a listing to offer steps. */
export interface ListingFacts {
  state: string
  canDecide: boolean
  defence?: string | null
  defenceDueAt?: string | null
  tasks: { doneAt?: string | null }[]
  events?: { withdrawnAt?: string | null }[]
}

/** Every event the listing rests on was withdrawn (its penalty revoked on
 * appeal): the only step left before publication is dismissal. */
export function basisWithdrawn(l: ListingFacts): boolean {
  const e = l.events ?? []
  return e.length > 0 && e.every((x) => !!x.withdrawnAt)
}

/** The steps this user may be offered on a listing, in the order shown. */
export function offeredSteps(l: ListingFacts): string[] {
  const manage = canManage()
  const enterprise = isEnterpriseUser()
  const out: string[] = []
  if (manage && basisWithdrawn(l) && ['proposed', 'notified', 'decided'].includes(l.state)) return ['dismiss']
  if (l.state === 'proposed' && manage) out.push('notify')
  // One defence, within its period.
  const periodOver = !!l.defenceDueAt && Date.now() > new Date(l.defenceDueAt).getTime()
  if (l.state === 'notified' && enterprise && !l.defence && !periodOver) out.push('defence')
  if (l.state === 'notified' && manage) out.push('decide')
  if (l.state === 'decided' && manage) out.push('publish')
  if ((l.state === 'published' || l.state === 'managed') && (enterprise || manage)) out.push('apply_removal')
  if (l.state === 'removal_applied' && manage) out.push('review_removal')
  return out
}

/** May this user mark a listing's inspection or summons done? */
export function mayCompleteTasks(state: string): boolean {
  return canManage() && ['published', 'managed', 'removal_applied'].includes(state)
}

// Who may open the standardization pages and offer which step. Enterprise
// users and reviewers hold no `standardization.*` permission: the API lets
// them see their own (or assigned) applications by their role. The server
// decides in the end who may take a step.
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'

export const READ = ['standardization.read', 'role:enterprise', 'role:reviewer']
export const APPLY = 'role:enterprise'
export const CHECKLISTS = 'standardization.checklists'

export function isEnterpriseUser(): boolean {
  return useAuth(pinia).hasRole('enterprise')
}

/** May this user be offered `action` (snake_case) of an application? */
export function mayOffer(action: string, app: { reviewUnitId?: string | null; organiserId?: string | null }): boolean {
  const auth = useAuth(pinia)
  const org = auth.me?.organisationId ?? null
  switch (action) {
    case 'self_assess':
    case 'submit_rectification':
    case 'accept_achieved_grade':
    case 'withdraw':
      return auth.hasRole('enterprise')
    case 'record_review':
    case 'sign_report':
      return !!org && org === app.reviewUnitId
    case 'organiser_approve':
    case 'organiser_return':
      return !!org && org === app.organiserId
    default:
      return auth.can('standardization.decide')
  }
}

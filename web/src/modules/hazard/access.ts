// What an enterprise user may do on the hazard pages: they hold no
// `hazard.*` permission (the API lets them see and report their own
// enterprise's hazards by their role).
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'

export function isEnterpriseUser(): boolean {
  return useAuth(pinia).hasRole('enterprise')
}

/** May report hazards: enterprise users and inspectors. */
export function canReportHazards(): boolean {
  const auth = useAuth(pinia)
  return auth.hasRole('enterprise') || auth.can('hazard.inspect')
}

// Who may open the training pages and offer which action: the module's
// permissions (`Me.permissions`, declared by modules/training/src/lib.rs),
// with the roles docs/training-api.graphql names as a fallback. Read:
// county, city and province administrators, inspectors and proctors;
// manage (candidates, hours, sessions, bookings, practical scores,
// certificates): the administrators; bank (questions, blueprints): the
// province; proctor (open, close, admit late, incidents, force-submit):
// proctors (监考员) and county administrators; examinees see their own exams.
// The server decides in the end.
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'

/** Read candidates, sessions, results, certificates and the figures. */
export const READ = ['training.read', 'role:county-admin', 'role:city-admin', 'role:province-admin', 'role:inspector']
/** Register candidates, record hours, plan sessions, book, practical scores, certificates. */
export const MANAGE = ['training.manage', 'role:county-admin']
/** The province's question bank, and writing blueprints. */
export const BANK = ['training.bank', 'role:province-admin']
/** Open and close a session, admit late, record incidents, force a submission. */
export const PROCTOR = ['training.proctor', 'role:proctor', 'role:county-admin']
/** The sessions and a session's page. */
export const SESSIONS = [...READ, ...PROCTOR]
/** See the blueprints (a session needs one). */
export const BLUEPRINTS = [...READ, ...BANK]
/** Write blueprints (trainingSaveBlueprint needs `training.bank`). */
export const EDIT_BLUEPRINTS = BANK
/** One's own exams. */
export const EXAMINEE = ['role:examinee']

/** The user holds one of `list` (roles written `role:<name>`, or permissions). */
export function may(list: string[]): boolean {
  const auth = useAuth(pinia)
  return list.some((p) => (p.startsWith('role:') ? auth.hasRole(p.slice(5)) : auth.can(p)))
}

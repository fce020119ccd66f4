// Activate (or roll back to), disable and retire a version, each confirmed
// first and only offered in the states the server allows.
import { graphql } from '@/gql'
import { client } from '@/api/client'
import { errorMessage } from '@/api/errors'
import { i18n } from '@/i18n'
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'
import { PERM_ACTIVATE, PERM_GOVERN } from './perms'

const ActivateDoc = graphql(`mutation ActivatePlugin($id: String!) { activatePlugin(id: $id) { id state updatedAt } }`)
const DisableDoc = graphql(`mutation DisablePlugin($id: String!) { disablePlugin(id: $id) { id state updatedAt } }`)
const RetireDoc = graphql(`mutation RetirePlugin($id: String!) { retirePlugin(id: $id) { id state updatedAt } }`)

export interface VersionLike {
  id: string
  name: string
  version: string
  state: string
  compileStatus: string
}

export type Action = 'activate' | 'rollback' | 'disable' | 'retire'

/** What the signed-in user may do to the version now. `rollback` is
 * activation of a version that ran before (retired or disabled) while
 * another version of the plugin is in use or came later. */
export function actionsFor(v: VersionLike, siblings: VersionLike[] = []): Action[] {
  const auth = useAuth(pinia)
  const out: Action[] = []
  const canActivate = auth.can(PERM_ACTIVATE)
  if (canActivate && v.compileStatus === 'ready' && ['tested', 'retired', 'disabled'].includes(v.state)) {
    const earlier = v.state !== 'tested' && siblings.some((s) => s.id !== v.id && s.state === 'active')
    out.push(earlier ? 'rollback' : 'activate')
  }
  if ((canActivate || auth.can(PERM_GOVERN)) && v.state === 'active') out.push('disable')
  if (canActivate && ['draft', 'tested', 'disabled'].includes(v.state)) out.push('retire')
  return out
}

/** Asks, runs the action, says how it went; true when it was done. */
export async function runAction(a: Action, v: VersionLike): Promise<boolean> {
  const t = i18n.global.t
  const params = { name: v.name, version: v.version }
  try {
    await ElMessageBox.confirm(t(`plugins.confirm.${a}`, params), t('plugins.confirm.title'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      customClass: 'plg',
    })
  } catch {
    return false
  }
  const doc = a === 'disable' ? DisableDoc : a === 'retire' ? RetireDoc : ActivateDoc
  const r = await client.mutation(doc, { id: v.id }).toPromise()
  if (r.error) {
    ElMessage.error({ message: errorMessage(r.error), customClass: 'plg' })
    return false
  }
  const done = a === 'rollback' ? 'activate' : a
  ElMessage.success({ message: t(`plugins.done.${done}`, params), customClass: 'plg' })
  return true
}

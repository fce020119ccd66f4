// The enterprise register (企业名录): list, detail, forms, change requests,
// import, and an enterprise user's own record.
import type { ConsoleModule, MenuEntry } from '../types'
import type { RouteLocationNormalized } from 'vue-router'
import { useAuth } from '@/stores/auth'
import { pinia } from '@/stores/pinia'
import messages from './messages'
import HomePanel from './HomePanel.vue'

const GROUP = 'enterprise.menu.group'

/** Enterprise users hold no `enterprise.*` permission: their page is theirs by role. */
function enterpriseUserOnly(to: RouteLocationNormalized) {
  if (useAuth(pinia).hasRole('enterprise')) return true
  return { name: 'not-found', params: { pathMatch: to.path.substring(1).split('/') }, query: to.query, hash: to.hash, replace: true }
}

const staffMenu: MenuEntry[] = [
  { label: 'enterprise.menu.list', path: '/enterprises', permission: 'enterprise.read', order: 20, group: GROUP },
  { label: 'enterprise.menu.changes', path: '/enterprises/changes', permission: 'enterprise.decide', order: 21, group: GROUP },
  { label: 'enterprise.menu.import', path: '/enterprises/import', permission: 'enterprise.import', order: 22, group: GROUP },
]
const mineEntry: MenuEntry = { label: 'enterprise.menu.mine', path: '/my-enterprise', order: 20 }

const enterpriseModule: ConsoleModule = {
  name: 'enterprise',
  routes: [
    { path: '/enterprises', name: 'enterprise-list', component: () => import('./ListPage.vue'), meta: { permission: 'enterprise.read', title: 'enterprise.title.list' } },
    { path: '/enterprises/new', name: 'enterprise-new', component: () => import('./FormPage.vue'), meta: { permission: 'enterprise.write', title: 'enterprise.title.create' } },
    { path: '/enterprises/changes', name: 'enterprise-changes', component: () => import('./ChangesPage.vue'), meta: { permission: 'enterprise.decide', title: 'enterprise.title.changes' } },
    { path: '/enterprises/import', name: 'enterprise-import', component: () => import('./ImportPage.vue'), meta: { permission: 'enterprise.import', title: 'enterprise.title.import' } },
    { path: '/enterprises/:id', name: 'enterprise-detail', component: () => import('./DetailPage.vue'), meta: { permission: 'enterprise.read', title: 'enterprise.title.detail' } },
    { path: '/enterprises/:id/edit', name: 'enterprise-edit', component: () => import('./FormPage.vue'), meta: { permission: 'enterprise.write', title: 'enterprise.title.edit' } },
    { path: '/my-enterprise', name: 'my-enterprise', component: () => import('./MyEnterprisePage.vue'), meta: { title: 'enterprise.title.mine' }, beforeEnter: enterpriseUserOnly },
  ],
  // A getter: the entry of an enterprise user's own page depends on the role,
  // which no permission names (the layout reads this in a computed).
  get menu(): MenuEntry[] {
    return useAuth(pinia).hasRole('enterprise') ? [mineEntry] : staffMenu
  },
  home: HomePanel,
  homeOrder: 20,
  homePermission: 'enterprise.read',
  messages,
}

export default enterpriseModule

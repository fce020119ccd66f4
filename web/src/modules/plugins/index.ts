// County plugins (县级插件): versions, dry runs, activation, settings, the
// invocation log, and the province's policy and ban list.
import type { ConsoleModule } from '../types'
import messages from './messages'
import { ANY_PLUGIN, PERM_GOVERN } from './perms'

const plugins: ConsoleModule = {
  name: 'plugins',
  routes: [
    {
      path: '/plugins',
      name: 'plugins',
      component: () => import('./VersionsPage.vue'),
      meta: { title: 'plugins.title.versions', permission: ANY_PLUGIN },
    },
    {
      path: '/plugins/policy',
      name: 'plugin-policy',
      component: () => import('./PolicyPage.vue'),
      meta: { title: 'plugins.title.policy', permission: PERM_GOVERN },
    },
    {
      path: '/plugins/:id',
      name: 'plugin-version',
      component: () => import('./VersionPage.vue'),
      props: true,
      meta: { title: 'plugins.title.detail', permission: ANY_PLUGIN },
    },
  ],
  menu: [
    { label: 'plugins.menu.versions', path: '/plugins', permission: ANY_PLUGIN, order: 80 },
    { label: 'plugins.menu.policy', path: '/plugins/policy', permission: PERM_GOVERN, order: 81 },
  ],
  messages,
}

export default plugins

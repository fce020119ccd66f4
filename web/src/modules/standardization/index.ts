// Safety production standardization review (安全生产标准化评审): the
// applications, applying, an application's timeline and next steps, the
// checklists and the province's review rules, the home figures, the public
// certificate check, and an enterprise's certificates on its page (slot
// `enterprise.detail`).
import { defineAsyncComponent } from 'vue'
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'
import { READ, APPLY, CHECKLISTS } from './access'

const mod: ConsoleModule = {
  name: 'standardization',
  routes: [
    {
      path: '/standardization',
      name: 'standardization',
      component: () => import('./StdListPage.vue'),
      meta: { title: 'standardization.title.list', permission: READ },
    },
    {
      path: '/standardization/apply',
      name: 'standardization-apply',
      component: () => import('./StdApplyPage.vue'),
      meta: { title: 'standardization.title.apply', permission: APPLY },
    },
    {
      path: '/standardization/checklists',
      name: 'standardization-checklists',
      component: () => import('./StdChecklistsPage.vue'),
      meta: { title: 'standardization.title.checklists', permission: CHECKLISTS },
    },
    {
      path: '/standardization/rules',
      name: 'standardization-rules',
      component: () => import('./StdRulesPage.vue'),
      meta: { title: 'standardization.title.rules', permission: CHECKLISTS },
    },
    {
      path: '/standardization/:id',
      name: 'standardization-application',
      component: () => import('./StdDetailPage.vue'),
      meta: { title: 'standardization.title.detail', permission: READ },
    },
    {
      path: '/certificate-check',
      name: 'certificate-check',
      component: () => import('./CertificateCheckPage.vue'),
      meta: { title: 'standardization.title.check', public: true, bare: true },
    },
  ],
  menu: [
    { label: 'standardization.menu.list', path: '/standardization', permission: READ, order: 40, group: 'standardization.menu.group' },
    { label: 'standardization.menu.apply', path: '/standardization/apply', permission: APPLY, order: 41, group: 'standardization.menu.group' },
    { label: 'standardization.menu.checklists', path: '/standardization/checklists', permission: CHECKLISTS, order: 42, group: 'standardization.menu.group' },
    { label: 'standardization.menu.rules', path: '/standardization/rules', permission: CHECKLISTS, order: 43, group: 'standardization.menu.group' },
  ],
  home: defineAsyncComponent(() => import('./StdHomePanel.vue')),
  homeOrder: 40,
  homePermission: 'standardization.read',
  panels: { 'enterprise.detail': defineAsyncComponent(() => import('./EnterpriseStdPanel.vue')) },
  messages: { 'zh-CN': zhCN, en },
}

export default mod

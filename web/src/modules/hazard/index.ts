// Hidden-hazard investigation and governance (隐患排查治理): the list, the
// report form, a hazard's timeline and next steps, statistics and the inbox
// of public reports.
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'
import HazardHomePanel from './HazardHomePanel.vue'

// Enterprise users hold no `hazard.*` permission: the API lets them read and
// report their own enterprise's hazards by their role.
const READ = ['hazard.read', 'role:enterprise']
const REPORT = ['hazard.inspect', 'role:enterprise']

const mod: ConsoleModule = {
  name: 'hazard',
  routes: [
    {
      path: '/hazards',
      name: 'hazards',
      component: () => import('./HazardListPage.vue'),
      // Enterprise users read their own hazards by their role (see access.ts).
      meta: { title: 'hazard.title.list', permission: READ },
    },
    {
      path: '/hazards/new',
      name: 'hazard-new',
      component: () => import('./HazardReportPage.vue'),
      meta: { title: 'hazard.title.report', permission: REPORT },
    },
    {
      path: '/hazards/statistics',
      name: 'hazard-statistics',
      component: () => import('./HazardStatisticsPage.vue'),
      meta: { title: 'hazard.title.statistics', permission: 'hazard.read' },
    },
    {
      path: '/hazards/public-reports',
      name: 'hazard-public-reports',
      component: () => import('./PublicReportsPage.vue'),
      meta: { title: 'hazard.title.publicReports', permission: 'hazard.inspect' },
    },
    {
      path: '/hazards/:id',
      name: 'hazard',
      component: () => import('./HazardDetailPage.vue'),
      meta: { title: 'hazard.title.detail', permission: READ },
    },
  ],
  menu: [
    { label: 'hazard.menu.list', path: '/hazards', permission: READ, order: 30, group: 'hazard.menu.group' },
    { label: 'hazard.menu.report', path: '/hazards/new', permission: REPORT, order: 31, group: 'hazard.menu.group' },
    { label: 'hazard.menu.statistics', path: '/hazards/statistics', permission: 'hazard.read', order: 32, group: 'hazard.menu.group' },
    { label: 'hazard.menu.publicReports', path: '/hazards/public-reports', permission: 'hazard.inspect', order: 33, group: 'hazard.menu.group' },
  ],
  home: HazardHomePanel,
  homeOrder: 30,
  homePermission: READ,
  messages: { 'zh-CN': zhCN, en },
}

export default mod

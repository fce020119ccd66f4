// Work-safety accident reporting and statistics (生产安全事故统计上报,
// 国务院令493号): the list, the flash report, an accident's climb up the
// levels with its follow-ups, investigation and timeline, the duty officer's
// board of running time limits, statistics with drill-down and the monthly
// report, the province's rules and denominators, and the home figures.
import { defineAsyncComponent } from 'vue'
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'
import { READ, REPORT, OFFICIAL, GOVERN } from './access'

const mod: ConsoleModule = {
  name: 'accident',
  routes: [
    {
      path: '/accidents',
      name: 'accidents',
      component: () => import('./AccidentListPage.vue'),
      meta: { title: 'accident.title.list', permission: READ },
    },
    {
      path: '/accidents/new',
      name: 'accident-new',
      component: () => import('./AccidentReportPage.vue'),
      meta: { title: 'accident.title.report', permission: REPORT },
    },
    {
      path: '/accidents/board',
      name: 'accident-board',
      component: () => import('./AccidentBoardPage.vue'),
      meta: { title: 'accident.title.board', permission: OFFICIAL },
    },
    {
      path: '/accidents/statistics',
      name: 'accident-statistics',
      component: () => import('./AccidentStatisticsPage.vue'),
      meta: { title: 'accident.title.statistics', permission: OFFICIAL },
    },
    {
      path: '/accidents/rules',
      name: 'accident-rules',
      component: () => import('./AccidentRulesPage.vue'),
      meta: { title: 'accident.title.rules', permission: GOVERN },
    },
    {
      path: '/accidents/:id',
      name: 'accident',
      component: () => import('./AccidentDetailPage.vue'),
      meta: { title: 'accident.title.detail', permission: READ },
    },
  ],
  menu: [
    { label: 'accident.menu.list', path: '/accidents', permission: READ, order: 35, group: 'accident.menu.group' },
    { label: 'accident.menu.report', path: '/accidents/new', permission: REPORT, order: 36, group: 'accident.menu.group' },
    { label: 'accident.menu.board', path: '/accidents/board', permission: OFFICIAL, order: 37, group: 'accident.menu.group' },
    { label: 'accident.menu.statistics', path: '/accidents/statistics', permission: OFFICIAL, order: 38, group: 'accident.menu.group' },
    { label: 'accident.menu.rules', path: '/accidents/rules', permission: GOVERN, order: 39, group: 'accident.menu.group' },
  ],
  home: defineAsyncComponent(() => import('./AccidentHomePanel.vue')),
  homeOrder: 35,
  homePermission: OFFICIAL,
  messages: { 'zh-CN': zhCN, en },
}

export default mod

// Public pages (no sign-in): reporting a hazard (群众举报) and following the
// report by its token. No menu entries.
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'

const mod: ConsoleModule = {
  name: 'public',
  routes: [
    { path: '/public/report', name: 'public-report', component: () => import('./PublicReportPage.vue'), meta: { public: true, bare: true, title: 'public.title.report' } },
    { path: '/public/follow', name: 'public-follow', component: () => import('./PublicFollowPage.vue'), meta: { public: true, bare: true, title: 'public.title.follow' } },
  ],
  menu: [],
  messages: { 'zh-CN': zhCN, en },
}

export default mod

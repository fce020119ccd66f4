// Safety production credit (安全生产诚信): the blacklist listings and each
// listing's steps (proposal, notice, defence, decision, publication,
// managed period, removal), the credit events behind them, the register of
// administrative penalties and their publication, an enterprise's grade
// and commitments on its page (slot `enterprise.detail`), and the public
// credit pages (no sign-in).
import { defineAsyncComponent } from 'vue'
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'
import { READ, OFFICIAL } from './access'

const GROUP = 'credit.menu.group'

const mod: ConsoleModule = {
  name: 'credit',
  routes: [
    {
      path: '/credit/listings',
      name: 'credit-listings',
      component: () => import('./ListingsPage.vue'),
      // Enterprise users see their own enterprise's listings by their role.
      meta: { title: 'credit.title.listings', permission: READ },
    },
    {
      path: '/credit/listings/:id',
      name: 'credit-listing',
      component: () => import('./ListingDetailPage.vue'),
      meta: { title: 'credit.title.listing', permission: READ },
    },
    {
      path: '/credit/events',
      name: 'credit-events',
      component: () => import('./EventsPage.vue'),
      meta: { title: 'credit.title.events', permission: OFFICIAL },
    },
    {
      path: '/credit/penalties',
      name: 'credit-penalties',
      component: () => import('./PenaltiesPage.vue'),
      meta: { title: 'credit.title.penalties', permission: OFFICIAL },
    },
    {
      path: '/credit/penalties/:id',
      name: 'credit-penalty',
      component: () => import('./PenaltyDetailPage.vue'),
      meta: { title: 'credit.title.penalty', permission: OFFICIAL },
    },
    {
      path: '/public/credit',
      name: 'public-credit',
      component: () => import('./PublicCreditPage.vue'),
      meta: { title: 'credit.public.title', public: true, bare: true },
    },
  ],
  menu: [
    { label: 'credit.menu.listings', path: '/credit/listings', permission: READ, order: 60, group: GROUP },
    { label: 'credit.menu.events', path: '/credit/events', permission: OFFICIAL, order: 61, group: GROUP },
    { label: 'credit.menu.penalties', path: '/credit/penalties', permission: OFFICIAL, order: 62, group: GROUP },
  ],
  panels: { 'enterprise.detail': defineAsyncComponent(() => import('./EnterpriseCreditPanel.vue')) },
  messages: { 'zh-CN': zhCN, en },
}

export default mod

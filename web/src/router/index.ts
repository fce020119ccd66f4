import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { modules } from '@/modules'
import { useAuth } from '@/stores/auth'
import { i18n } from '@/i18n'
import { pinia } from '@/stores/pinia'

/** The user holds one of the permissions (`Me.permissions` names), or one
 * of the roles named `role:<name>` (for what the API grants by role, such as
 * an enterprise user's own hazards). */
export function allowed(permission: string | string[] | undefined): boolean {
  const auth = useAuth(pinia)
  if (!permission) return true
  const list = Array.isArray(permission) ? permission : [permission]
  return list.some((p) => (p.startsWith('role:') ? auth.hasRole(p.slice(5)) : auth.can(p)))
}

export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true, bare: true, title: 'login.title' } },
    { path: '/change-password', name: 'change-password', component: () => import('@/pages/ChangePasswordPage.vue'), meta: { title: 'password.title' } },
    { path: '/', name: 'home', component: () => import('@/pages/HomePage.vue'), meta: { title: 'menu.home' } },
    { path: '/notifications', name: 'notifications', component: () => import('@/pages/NotificationsPage.vue'), meta: { title: 'menu.notifications' } },
    ...modules.flatMap((m) => m.routes),
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue'), meta: { title: 'notFound.title' } },
  ],
})

function notFound(to: RouteLocationNormalized) {
  // The same URL, the not-found page: a page the user may not open does not
  // say that it exists.
  return { name: 'not-found', params: { pathMatch: to.path.substring(1).split('/') }, query: to.query, hash: to.hash, replace: true }
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const auth = useAuth(pinia)
  if (!auth.signedIn) {
    let ok = false
    try {
      ok = await auth.loadMe()
    } catch {
      // The server is unreachable: the page shows the retry itself.
      return true
    }
    if (!ok) return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (auth.me?.passwordExpired && to.name !== 'change-password') {
    return { name: 'change-password', query: { redirect: to.fullPath } }
  }
  if (to.name !== 'not-found' && !allowed(to.meta.permission)) return notFound(to)
  return true
})

router.afterEach((to) => {
  const t = to.meta.title ? i18n.global.t(to.meta.title) : ''
  document.title = t ? `${t} · ${i18n.global.t('app.name')}` : i18n.global.t('app.name')
})

// A page's code that no longer exists on the server (the console was updated
// while this tab was open): load the new console at the same address, once.
router.onError((err, to) => {
  const stale = /dynamically imported module|Importing a module script failed/i.test(String(err?.message ?? err))
  if (stale && !sessionStorage.getItem('anjian.reloaded')) {
    sessionStorage.setItem('anjian.reloaded', '1')
    location.assign(to.fullPath)
  }
})
router.afterEach(() => sessionStorage.removeItem('anjian.reloaded'))

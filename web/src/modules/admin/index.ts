// 系统管理: users, organisations and grants, tenants, the security policy, the
// audit log and the job queue. Each page and menu entry shows only with the
// permission its operations need (三员分立: system, security, audit).
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'

const GROUP = 'admin.menu.group'

const admin: ConsoleModule = {
  name: 'admin',
  routes: [
    { path: '/admin/users', name: 'admin-users', component: () => import('./UsersPage.vue'), meta: { title: 'admin.menu.users', permission: 'user.read' } },
    { path: '/admin/organisations', name: 'admin-organisations', component: () => import('./OrganisationsPage.vue'), meta: { title: 'admin.menu.organisations', permission: ['org.manage', 'role.manage'] } },
    { path: '/admin/tenants', name: 'admin-tenants', component: () => import('./TenantsPage.vue'), meta: { title: 'admin.menu.tenants', permission: 'tenant.manage' } },
    { path: '/admin/security-policy', name: 'admin-security-policy', component: () => import('./SecurityPolicyPage.vue'), meta: { title: 'admin.menu.policy', permission: 'policy.manage' } },
    { path: '/admin/audit', name: 'admin-audit', component: () => import('./AuditPage.vue'), meta: { title: 'admin.menu.audit', permission: 'audit.read' } },
    { path: '/admin/jobs', name: 'admin-jobs', component: () => import('./JobsPage.vue'), meta: { title: 'admin.menu.jobs', permission: 'job.read' } },
  ],
  menu: [
    { label: 'admin.menu.users', path: '/admin/users', permission: 'user.read', order: 900, group: GROUP },
    { label: 'admin.menu.organisations', path: '/admin/organisations', permission: ['org.manage', 'role.manage'], order: 901, group: GROUP },
    { label: 'admin.menu.tenants', path: '/admin/tenants', permission: 'tenant.manage', order: 902, group: GROUP },
    { label: 'admin.menu.policy', path: '/admin/security-policy', permission: 'policy.manage', order: 903, group: GROUP },
    { label: 'admin.menu.audit', path: '/admin/audit', permission: 'audit.read', order: 904, group: GROUP },
    { label: 'admin.menu.jobs', path: '/admin/jobs', permission: 'job.read', order: 905, group: GROUP },
  ],
  messages: { 'zh-CN': zhCN, en },
}

export default admin

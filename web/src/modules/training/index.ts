// Safety training and examination (安全培训考核): candidates and their hours,
// the province's question bank and the blueprints papers are drawn by,
// sessions and bookings, the proctor's page, results and practical scores,
// certificates and their reviews, the figures; the candidate's full-screen
// exam page (/exam, by ticket or from 我的考试) and the public certificate
// check (/training/certificate-check). Who sees what: access.ts.
import { defineAsyncComponent } from 'vue'
import type { ConsoleModule } from '../types'
import { zhCN, en } from './messages'
import { BANK, BLUEPRINTS, EXAMINEE, READ, SESSIONS } from './access'

const GROUP = 'training.menu.group'

const mod: ConsoleModule = {
  name: 'training',
  routes: [
    { path: '/training/my-exams', name: 'training-my-exams', component: () => import('./MyExamsPage.vue'), meta: { title: 'training.title.myExams', permission: EXAMINEE } },
    { path: '/training/candidates', name: 'training-candidates', component: () => import('./CandidatesPage.vue'), meta: { title: 'training.title.candidates', permission: READ } },
    { path: '/training/candidates/:id', name: 'training-candidate', component: () => import('./CandidateDetailPage.vue'), meta: { title: 'training.title.candidate', permission: READ } },
    { path: '/training/questions', name: 'training-questions', component: () => import('./QuestionsPage.vue'), meta: { title: 'training.title.questions', permission: BANK } },
    { path: '/training/blueprints', name: 'training-blueprints', component: () => import('./BlueprintsPage.vue'), meta: { title: 'training.title.blueprints', permission: BLUEPRINTS } },
    { path: '/training/sessions', name: 'training-sessions', component: () => import('./SessionsPage.vue'), meta: { title: 'training.title.sessions', permission: SESSIONS } },
    { path: '/training/sessions/:id', name: 'training-session', component: () => import('./ProctorSessionPage.vue'), meta: { title: 'training.title.proctor', permission: SESSIONS } },
    { path: '/training/results', name: 'training-results', component: () => import('./ResultsPage.vue'), meta: { title: 'training.title.results', permission: READ } },
    { path: '/training/certificates', name: 'training-certificates', component: () => import('./CertificatesPage.vue'), meta: { title: 'training.title.certificates', permission: READ } },
    { path: '/training/stats', name: 'training-stats', component: () => import('./StatsPage.vue'), meta: { title: 'training.title.stats', permission: READ } },
    // Outside the frame: the candidate's exam (no account needed) and the public check.
    { path: '/exam', name: 'training-exam', component: () => import('./ExamPage.vue'), meta: { title: 'training.title.exam', public: true, bare: true } },
    {
      path: '/training/certificate-check',
      name: 'training-certificate-check',
      component: () => import('./CertificateCheckPage.vue'),
      meta: { title: 'training.title.check', public: true, bare: true },
    },
  ],
  menu: [
    { label: 'training.menu.myExams', path: '/training/my-exams', permission: EXAMINEE, order: 50, group: GROUP },
    { label: 'training.menu.candidates', path: '/training/candidates', permission: READ, order: 51, group: GROUP },
    { label: 'training.menu.questions', path: '/training/questions', permission: BANK, order: 52, group: GROUP },
    { label: 'training.menu.blueprints', path: '/training/blueprints', permission: BLUEPRINTS, order: 53, group: GROUP },
    { label: 'training.menu.sessions', path: '/training/sessions', permission: SESSIONS, order: 54, group: GROUP },
    { label: 'training.menu.results', path: '/training/results', permission: READ, order: 55, group: GROUP },
    { label: 'training.menu.certificates', path: '/training/certificates', permission: READ, order: 56, group: GROUP },
    { label: 'training.menu.stats', path: '/training/stats', permission: READ, order: 57, group: GROUP },
  ],
  home: defineAsyncComponent(() => import('./TrainingHomePanel.vue')),
  homeOrder: 50,
  homePermission: EXAMINEE,
  messages: { 'zh-CN': zhCN, en },
}

export default mod

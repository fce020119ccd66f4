// The exam page's GraphQL client: the candidate's operations (examLogin,
// examStart, examSave, examSubmit, examAttempt) carry the booking's token as
// an argument and need no platform account, so they go without the
// console's bearer. An examinee who came from 我的考试 keeps answering when
// their console session expires or idles out mid-exam (the server refuses a
// request whose bearer has expired), and an exam error never signs the
// console out. No cache: every answer and every read goes to the server.
import { Client, fetchExchange } from '@urql/core'
import { currentLocale } from '@/i18n'

export const examClient = new Client({
  url: '/graphql',
  requestPolicy: 'network-only',
  exchanges: [fetchExchange],
  fetchOptions: () => ({ headers: { 'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN' } }),
})

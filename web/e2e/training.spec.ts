// Safety training and examination (安全培训考核) in the browser, on the demo
// data of `serve --demo`: the examinee 演示考生 (examinee@330106, ID number
// 11010519491231002X) booked into the open session at 西湖区考点 (blueprint
// 主要负责人 演示卷), the proctor proctor@330106. The examinee's answers
// survive a lost connection and a reload, and the clock is not reset; the
// same candidate signs in at the centre with the ticket and resumes; a
// blueprint the bank cannot fill is refused beside its part (blueprints are
// the province's: `training.bank`); the proctor sees the candidate; the
// county's pages, the province's bank and the public pages are accessible.
import type { Locator, Page, Request } from '@playwright/test'
import { test, expect, signIn, expectAccessible } from './fixtures'

const CENTRE = '西湖区考点'
const CANDIDATE = '演示考生'
/** The demo candidate's ID number. */
const CANDIDATE_ID = '11010519491231002X'
/** A well-formed ID number (GB 11643 check character) that no candidate holds. */
const UNKNOWN_ID = '110101199003070011'

/** Is `r` the GraphQL operation `name`? Queries go as GET (in the URL), mutations as POST. */
function isOperation(r: Request, name: string): boolean {
  if (!r.url().includes('/graphql')) return false
  let url = r.url()
  try {
    url = decodeURIComponent(url.replace(/\+/g, ' '))
  } catch {
    /* keep it encoded */
  }
  return `${url} ${r.postData() ?? ''}`.includes(name)
}

/** Waits for the answer save (examSave) that `act` causes. */
async function saving(page: Page, act: () => Promise<void>) {
  const saved = page.waitForResponse((r) => isOperation(r.request(), 'ExamSave'))
  await act()
  expect((await saved).ok()).toBe(true)
}

/** Opens the `i`-th question of the navigator; the question's section. */
async function openQuestion(page: Page, nav: Locator, i: number): Promise<Locator> {
  const no = (await nav.nth(i).innerText()).trim()
  await nav.nth(i).click()
  const q = page.locator('[data-test=exam-question]')
  await expect(q).toHaveAttribute('data-no', no)
  return q
}

/** Answers the `i`-th question with an option not chosen yet; the option's key. */
async function answer(page: Page, nav: Locator, i: number, online: boolean): Promise<string> {
  const q = await openQuestion(page, nav, i)
  const option = q.locator('[data-test=exam-option]:not(.is-checked)').first()
  const key = await option.getAttribute('data-key')
  expect(key).toBeTruthy()
  if (online) await saving(page, () => option.click())
  else await option.click()
  await expect(q.locator(`[data-test=exam-option][data-key="${key}"]`)).toHaveClass(/is-checked/)
  await expect(nav.nth(i)).toHaveAttribute('data-answered', 'true')
  return key!
}

test('an examinee answers through a lost connection and a reload, and keeps the clock', async ({ page, context }) => {
  test.setTimeout(180_000)
  await signIn(page, 'examinee@330106', '/training/my-exams')
  const card = page.locator('[data-test=my-exam]').filter({ hasText: CENTRE }).first()
  await expect(card).toBeVisible()
  await expect(card).toHaveAttribute('data-state', 'OPEN')
  await expectAccessible(page, 'my exams')

  // 进入考试: the exam page, outside the console's frame.
  await card.locator('[data-test=my-exam-enter]').click()
  await expect(page).toHaveURL(/\/exam$/)
  await expect(page.locator('[data-test=user-menu]')).toHaveCount(0)
  const start = page.locator('[data-test=exam-start]')
  const paper = page.locator('[data-test=exam-paper]')
  await expect(start.or(paper)).toBeVisible()
  if (await start.isVisible()) {
    await expect(page.locator('[data-test=exam-ready-name]')).toHaveText(CANDIDATE)
    await expectAccessible(page, 'the exam start page')
    await start.click()
  }
  await expect(paper).toBeVisible()
  await expect(page.locator('[data-test=exam-candidate]')).toHaveText(CANDIDATE)
  const nav = page.locator('[data-test=exam-nav] button')
  expect(await nav.count()).toBeGreaterThanOrEqual(3)
  const status = page.locator('[data-test=autosave-status]')
  const timer = page.locator('[data-test=exam-timer]')
  await expect(timer).toHaveAttribute('data-seconds', /^[1-9]\d*$/)

  // Two answers, each saved at once.
  const keys = [await answer(page, nav, 0, true), await answer(page, nav, 1, true)]
  await expect(status).toHaveAttribute('data-status', 'saved')

  // Offline: the third answer waits, and the page says so.
  await context.setOffline(true)
  keys.push(await answer(page, nav, 2, false))
  await expect(status).toHaveAttribute('data-status', 'offline')
  await expect(page.locator('[data-test=exam-offline]')).toBeVisible()

  // Back online: it is sent, and all is saved.
  await context.setOffline(false)
  await expect(status).toHaveAttribute('data-status', 'saved')
  await expect(page.locator('[data-test=exam-offline]')).toHaveCount(0)
  const before = Number(await timer.getAttribute('data-seconds'))
  expect(before).toBeGreaterThan(0)
  await expectAccessible(page, 'the exam page')

  // A reload resumes the same attempt: the three answers, the clock not reset.
  await page.reload()
  await expect(paper).toBeVisible()
  for (const [i, key] of keys.entries()) {
    await expect(nav.nth(i)).toHaveAttribute('data-answered', 'true')
    const q = await openQuestion(page, nav, i)
    await expect(q.locator(`[data-test=exam-option][data-key="${key}"]`)).toHaveClass(/is-checked/)
  }
  const after = Number(await timer.getAttribute('data-seconds'))
  expect(after).toBeGreaterThan(0)
  expect(after).toBeLessThanOrEqual(before)
  await expect(status).toHaveAttribute('data-status', 'saved')
})

test('the candidate signs in at the centre with the ticket and ID number, and resumes the paper', async ({ page }) => {
  // The ticket, as the proctor's page shows it.
  await signIn(page, 'proctor@330106', '/training/sessions')
  await page.locator('[data-test=session-table] .el-table__row').filter({ hasText: CENTRE }).first().locator('[data-test=session-link]').click()
  const booking = page.locator('[data-test=booking-table] .el-table__row').filter({ hasText: CANDIDATE })
  const ticket = (await booking.locator('[data-test=booking-ticket]').innerText()).trim()
  expect(ticket).not.toBe('')

  // Signed out, at the centre's machine.
  await page.evaluate(() => sessionStorage.clear())
  await page.goto('/exam')
  await page.locator('#ex-ticket').fill(ticket)
  await page.locator('#ex-id').fill(CANDIDATE_ID)
  await page.locator('[data-test=exam-login-submit]').click()
  await expect(page.locator('[data-test=exam-ready-name]')).toHaveText(CANDIDATE)
  await page.locator('[data-test=exam-start]').click()
  const paper = page.locator('[data-test=exam-paper]').or(page.locator('[data-test=exam-result]'))
  await expect(paper).toBeVisible()
  if (await page.locator('[data-test=exam-paper]').isVisible()) {
    await expect(page.locator('[data-test=exam-candidate]')).toHaveText(CANDIDATE)
    await expect(page.locator('[data-test=exam-timer]')).toHaveAttribute('data-seconds', /^[1-9]\d*$/)
    // A reload keeps the candidate in the paper, without the ticket again.
    await page.reload()
    await expect(page.locator('[data-test=exam-paper]')).toBeVisible()
  }
})

test('a blueprint the bank cannot fill is refused beside its part', async ({ page }) => {
  await signIn(page, 'province-admin@330000', '/training/blueprints')
  const table = page.locator('[data-test=bp-table]')
  await expect(table).toContainText('主要负责人 演示卷')
  await expectAccessible(page, 'the blueprints page')

  await page.locator('[data-test=bp-create]').click()
  const dialog = page.locator('[data-test=bp-dialog]')
  await expect(dialog).toBeVisible()
  const name = `e2e 题量过多 ${Date.now()}`
  await dialog.locator('#bp-name').fill(name)
  // One part only: 200 true/false questions of 0.5 points (a total of 100),
  // more than the demo bank holds.
  await dialog.locator('[data-test=bp-part-remove-1]').click()
  await expect(dialog.locator('[data-test=bp-parts] .el-table__row')).toHaveCount(1)
  const count = dialog.locator('#bp-part-count-0')
  await count.fill('200')
  await count.press('Tab')
  await expect(count).toHaveValue('200')
  const points = dialog.locator('#bp-part-points-0')
  await points.fill('0.5')
  await points.press('Tab')
  await expect(points).toHaveValue('0.5')
  await expect(dialog.locator('[data-test=bp-total]')).toContainText('100')
  await expectAccessible(page, 'the blueprint dialog')

  await dialog.locator('[data-test=bp-save]').click()
  // The server's field error (`parts.0.count`: the bank holds too few) beside the part; the dialog stays open.
  await expect(dialog.locator('[data-test=bp-part-error-0]')).toBeVisible()
  await expect(dialog.locator('[data-test=bp-part-error-0]')).toContainText('题库')
  await expect(dialog.locator('[data-test=bp-error]')).toBeVisible()
  await expect(dialog).toBeVisible()
  await expectAccessible(page, 'the blueprint dialog with its errors')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(dialog).toBeHidden()
  await expect(table).not.toContainText(name)
})

test('the proctor opens the session and sees the candidate', async ({ page }) => {
  await signIn(page, 'proctor@330106', '/training/sessions')
  const row = page.locator('[data-test=session-table] .el-table__row').filter({ hasText: CENTRE }).first()
  await expect(row).toBeVisible()
  await expect(page.locator('[data-test=session-create]')).toHaveCount(0)
  await expectAccessible(page, 'the sessions page')

  await row.locator('[data-test=session-link]').click()
  await expect(page).toHaveURL(/\/training\/sessions\/[^/]+$/)
  await expect(page.locator('[data-test=session-centre]')).toHaveText(CENTRE)
  await expect(page.locator('[data-test=session-state]')).toHaveAttribute('data-state', 'OPEN')
  const booking = page.locator('[data-test=booking-table] .el-table__row').filter({ hasText: CANDIDATE })
  await expect(booking).toHaveCount(1)
  await expect(booking.locator('[data-test=booking-ticket]')).not.toBeEmpty()
  await expect(booking.locator('[data-test=booking-attempt]')).toHaveAttribute('data-state', /^(NONE|ACTIVE|SUBMITTED)$/)
  await expect(page.locator('[data-test=session-close]')).toBeVisible()

  // The page reads the session again every 5 s.
  await page.waitForRequest((r) => isOperation(r, 'TrainingSessionDetail'), { timeout: 12_000 })
  await expectAccessible(page, 'the proctor page')

  // An incident of the whole room, recorded and listed.
  const note = `e2e 考场异常 ${Date.now()}`
  await page.locator('[data-test=incident-add]').click()
  const dialog = page.locator('[data-test=incident-dialog]')
  await expect(dialog).toBeVisible()
  await dialog.locator('#inc-note').fill(note)
  await expectAccessible(page, 'the incident dialog')
  await dialog.locator('[data-test=incident-save]').click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('[data-test=incident-table]')).toContainText(note)
})

test("the county's training pages: candidates, a candidate, sessions, results, certificates, figures", async ({ page }) => {
  await signIn(page, 'county-admin@330106', '/training/candidates')
  const row = page.locator('[data-test=candidates-table] .el-table__row').filter({ hasText: CANDIDATE })
  await expect(row).toHaveCount(1)
  await expect(row.locator('[data-test=candidate-eligible]')).toBeVisible()
  await expectAccessible(page, 'the candidates page')

  // A wrong ID number is refused beside its field.
  await page.locator('[data-test=candidate-register]').click()
  const dialog = page.locator('[data-test=register-dialog]')
  await dialog.locator('#rc-name').fill('e2e 考生')
  await dialog.locator('#rc-id').fill('110105194912310021')
  await dialog.locator('[data-test=rc-save]').click()
  await expect(dialog.locator('.el-form-item__error')).toContainText('身份证号')
  await expectAccessible(page, 'the register dialog')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(dialog).toBeHidden()

  // The candidate's page.
  await row.locator('[data-test=candidate-link]').click()
  await expect(page.locator('[data-test=candidate-name]')).toHaveText(CANDIDATE)
  await expect(page.locator('[data-test=detail-training]')).toBeVisible()
  await expectAccessible(page, "a candidate's page")

  for (const [path, table, what] of [
    ['/training/sessions', 'session-table', 'the sessions page'],
    ['/training/results', 'results-table', 'the results page'],
    ['/training/certificates', 'certs-table', 'the certificates page'],
  ] as const) {
    await page.goto(path)
    await expect(page.locator(`[data-test=${table}]`)).toBeVisible()
    await expectAccessible(page, what)
  }
  await page.goto('/training/stats')
  await expect(page.locator('[data-test=stats-byCategory]')).toBeVisible()
  await expect(page.locator('[data-test=stats-due]')).toBeVisible()
  await expectAccessible(page, 'the figures page')

  // Blueprints: the county reads them, the province writes them.
  await page.goto('/training/blueprints')
  await expect(page.locator('[data-test=bp-table]')).toContainText('主要负责人 演示卷')
  await expect(page.locator('[data-test=bp-create]')).toHaveCount(0)

  // The bank is the province's: the county does not see it.
  await page.goto('/training/questions')
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
})

test("the province's question bank: a dry-run import and an export", async ({ page }) => {
  await signIn(page, 'province-admin@330000', '/training/questions')
  await expect(page.locator('[data-test=questions-table]')).toBeVisible()
  await expect(page.locator('[data-test=pager]')).toBeVisible()
  await expectAccessible(page, 'the question bank')

  await page.locator('[data-test=questions-import]').click()
  const dialog = page.locator('[data-test=import-dialog]')
  await expect(dialog).toBeVisible()
  await expect(dialog.locator('[data-test=import-dry-run] input')).toBeChecked()
  await dialog.locator('[data-test=import-file]').setInputFiles({
    name: 'bank.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\ufeffkind,category,stem,options,answer\nNOT-A-KIND,PRINCIPAL,,,\n', 'utf8'),
  })
  await dialog.locator('[data-test=import-run]').click()
  // A report with the row refused, or the whole file refused: either is said.
  await expect(dialog.locator('[data-test=import-report], [data-test=import-error], .el-form-item__error').first()).toBeVisible()
  await expectAccessible(page, 'the import dialog')
  await dialog.getByRole('button', { name: '取消' }).click()

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=questions-export-csv]').click()])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
})

test('signed out: the exam sign-in and the certificate check tell an unknown ticket or certificate', async ({ page }) => {
  await page.goto('/exam')
  const login = page.locator('[data-test=exam-login]')
  await expect(login).toBeVisible()
  await expectAccessible(page, 'the exam sign-in')
  await page.locator('#ex-ticket').fill('ZZ0000000000')
  await page.locator('#ex-id').fill(UNKNOWN_ID)
  await page.locator('[data-test=exam-login-submit]').click()
  await expect(login.locator('[data-test=exam-login-error], .el-form-item__error').first()).toBeVisible()
  await expect(page.locator('[data-test=exam-paper]')).toHaveCount(0)

  await page.goto('/training/certificate-check')
  await expect(page.locator('[data-test=tc-check-form]')).toBeVisible()
  await expect(page.locator('[data-test=user-menu]')).toHaveCount(0)
  await expectAccessible(page, 'the training certificate check')
  await page.locator('#tc-number').fill('AQPX-0000-000000')
  await page.locator('#tc-id').fill(UNKNOWN_ID)
  await page.locator('[data-test=tc-submit]').click()
  await expect(page.locator('[data-test=tc-not-found], [data-test=tc-check-form] .el-form-item__error').first()).toBeVisible()
  await expect(page.locator('[data-test=tc-result]')).toHaveCount(0)
})

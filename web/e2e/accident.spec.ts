// Accident reporting (生产安全事故统计上报): a county's flash report of an
// unregistered unit with the grade following the figures live, passing it
// up, a follow-up that makes it 较大 (the timeline shows the change), the
// city's investigation report, approval and closing; the duty board, the
// statistics with drill-down, the rules, a phone's flash report, and the
// accessibility of each page. Only what has no page is set up over the API.
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, signIn, expectAccessible, PASSWORD } from './fixtures'

/** A GraphQL call as `username` (for setting up a test's own data). */
async function api<T = any>(request: APIRequestContext, username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const login = await request.post('/graphql', {
    data: { query: 'mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){token}}', variables: { u: username, p: PASSWORD } },
  })
  const token = (await login.json()).data.login.token as string
  const r = await request.post('/graphql', { data: { query, variables }, headers: { Authorization: `Bearer ${token}` } })
  const body = await r.json()
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data as T
}

/** A fresh flash report of an unregistered unit in county 330106, made over the API. */
async function newAccident(request: APIRequestContext, unitName: string, deaths = 1): Promise<string> {
  const d = await api(
    request,
    'county-admin@330106',
    `mutation($input: ReportAccidentInput!) { reportAccident(input: $input) { id } }`,
    {
      input: {
        unitName,
        occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
        place: '西湖区某工地',
        accidentType: '09',
        industry: 'E4710',
        deaths,
        seriousInjuries: 0,
        directLossWan: 50,
        summary: '脚手架上作业人员坠落',
        reporter: '张值班',
        reporterPhone: '0571-88888888',
      },
    },
  )
  return d.reportAccident.id
}

/** Signs out (forgets the session) and signs in as `username` at `path`. */
async function switchUser(page: Page, username: string, path: string) {
  await page.evaluate(() => sessionStorage.clear())
  await signIn(page, username, path)
}

/** Picks `option` in the Element Plus select whose input is `input` (retried: the dropdown animates). */
async function chooseOption(page: Page, input: string, option: string) {
  const wrapper = page.locator(input).locator('xpath=ancestor::div[contains(@class,"el-select__wrapper")]')
  await expect(async () => {
    await page.locator(input).click({ force: true })
    await page.getByRole('option', { name: option, exact: true }).click({ timeout: 3000 })
    await expect(wrapper).toContainText(option, { timeout: 2000 })
  }).toPass()
}

const state = (page: Page) => page.locator('[data-test=acc-state]')
const headGrade = (page: Page) => page.locator('.head [data-test=grade-tag]')

/** Opens the step's form, lets `fill` complete it, submits, and waits for the dialog to close. */
async function takeStep(page: Page, action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  await page.locator(`[data-test=action-${action}]`).click()
  const form = page.locator(`[data-test=action-form-${action}]`)
  await expect(form).toBeVisible()
  if (fill) await fill(form)
  await form.locator('[data-test=action-submit]').click()
  await expect(form).toBeHidden()
}

test('a county reports an accident, passes it up, a follow-up makes it 较大, the city investigates and closes it', async ({ page }) => {
  const unit = `e2e 未登记建筑队 ${Date.now()}`
  await signIn(page, 'county-admin@330106', '/accidents/new')
  const form = page.locator('[data-test=accident-report-form]')
  await expect(form).toBeVisible()
  await page.locator('[data-test=ar-unregistered]').click()
  await page.locator('#ar-unit-name').fill(unit)
  await page.locator('#ar-place').fill('西湖区文三路在建工地')
  await chooseOption(page, '#ar-type', '高处坠落')
  await chooseOption(page, '#ar-industry', 'E 建筑业')

  // The grade follows the figures as they are typed.
  const grade = page.locator('[data-test=ar-grade] [data-test=grade-tag]')
  await page.locator('#ar-deaths').fill('1')
  await expect(grade).toHaveText('一般')
  await page.locator('#ar-deaths').fill('3')
  await expect(grade).toHaveText('较大')
  await page.locator('#ar-deaths').fill('1')
  await expect(grade).toHaveText('一般')

  await page.locator('#ar-summary').fill('一名工人从脚手架坠落')
  await page.locator('#ar-reporter').fill('张值班')
  await page.locator('#ar-phone').fill('0571-88888888')
  await page.locator('[data-test=ar-submit]').click()
  await expect(page).toHaveURL(/\/accidents\/(?!new$)[^/?]+$/)
  const id = page.url().split('/').pop()!
  await expect(page.locator('[data-test=acc-unit]')).toContainText(unit)
  await expect(headGrade(page)).toHaveText('一般')
  await expect(state(page)).toHaveAttribute('data-state', 'reported')
  await expect(page.locator('[data-test=acc-deaths]')).toHaveText('1')
  await expect(page.locator('[data-test=acc-route-text]')).toContainText('已报至县级')

  // The county passes it up to the city (一般 stops there).
  await takeStep(page, 'pass_up')
  await expect(page.locator('[data-test=acc-route-text]')).toContainText('已报至市级')
  await expect(page.locator('[data-test=acc-timeline] [data-test=event-pass_up]')).toBeVisible()

  // A follow-up with 3 deaths: 较大, shown on the timeline.
  await takeStep(page, 'follow_up', async (f) => {
    await f.locator('#fu-deaths').fill('3')
    await expect(f.locator('[data-test=fu-grade] [data-test=grade-tag]')).toHaveText('较大')
    await f.locator('[data-test=fu-note]').fill('又有两名伤员经抢救无效死亡')
  })
  await expect(headGrade(page)).toHaveText('较大')
  await expect(page.locator('[data-test=acc-deaths]')).toHaveText('3')
  const change = page.locator('[data-test=acc-timeline] [data-test=event-grade_changed]')
  await expect(change).toBeVisible()
  await expect(change.locator('[data-test=grade-change]')).toContainText('一般')
  await expect(change.locator('[data-test=grade-change]')).toContainText('较大')
  // 较大 goes on to the province, investigated by the city.
  await expect(page.locator('[data-test=acc-route-text]')).toContainText('应报至省级')
  await expect(page.locator('[data-test=acc-investigated-by]')).toHaveText('市级')
  await expectAccessible(page, 'the accident detail')

  // The duty board lists its running clocks.
  await page.goto('/accidents/board')
  await expect(page.locator(`[data-test=board-link-${id}]`).first()).toBeVisible()
  await expect(page.locator('[data-test=board-left]').first()).toHaveText(/\d/)

  // The city investigates, approves and closes it.
  await switchUser(page, 'city-admin@330100', `/accidents/${id}`)
  await expect(headGrade(page)).toHaveText('较大')
  await takeStep(page, 'submit_report', async (f) => {
    await f.locator('[data-test=inv-summary]').fill('作业人员未系安全带从脚手架坠落')
    await f.locator('[data-test=inv-cause]').fill('安全防护缺失，现场管理不到位')
    await f.locator('[data-test=inv-measures]').fill('全面排查高处作业防护')
    await f.locator('[data-test=inv-party]').first().fill(unit)
    await f.locator('[data-test=inv-finding]').first().fill('对事故负主要责任')
    await f.locator('[data-test=inv-handling]').first().fill('建议依法给予行政处罚')
  })
  await expect(state(page)).toHaveAttribute('data-state', 'report_submitted')
  await expect(page.locator('[data-test=acc-investigation]')).toContainText('对事故负主要责任')
  await takeStep(page, 'approve_report')
  await expect(state(page)).toHaveAttribute('data-state', 'approved')
  await takeStep(page, 'close', async (f) => {
    await f.locator('[data-test=action-rectification]').fill('已完成整改并复查合格')
  })
  await expect(state(page)).toHaveAttribute('data-state', 'closed')
  await expect(state(page)).toHaveText('已结案')
  await expect(page.locator('[data-test=acc-rectification]')).toHaveText('已完成整改并复查合格')
  const timeline = page.locator('[data-test=acc-timeline]')
  for (const a of ['report', 'pass_up', 'follow_up', 'grade_changed', 'submit_report', 'approve_report', 'close']) {
    await expect(timeline.locator(`[data-test=event-${a}]`).first()).toBeVisible()
  }
})

test('the list filters by grade and opens an accident', async ({ page, request }) => {
  const unit = `e2e 清单筛选 ${Date.now()}`
  await newAccident(request, unit, 1)
  await signIn(page, 'inspector@330106', '/accidents?grade=general')
  const link = page.locator('[data-test=accident-table] [data-test=accident-link]', { hasText: unit })
  await expect(link).toBeVisible()
  await expectAccessible(page, 'the accident list')
  await chooseOption(page, '#af-grade', '较大')
  await page.locator('[data-test=accident-filter-apply]').click()
  await expect(page).toHaveURL(/grade=larger/)
  await expect(link).toHaveCount(0)
  await page.goto('/accidents')
  await link.click()
  await expect(page.locator('[data-test=acc-unit]')).toContainText(unit)
})

test('a province admin drills the statistics down and downloads the tables', async ({ page, request }) => {
  await newAccident(request, `e2e 统计 ${Date.now()}`, 1)
  await signIn(page, 'province-admin@330000', '/accidents/statistics')
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('浙江省')
  await expect(page.locator('[data-test=stats-bar] canvas')).toBeVisible()
  await expect(page.locator('[data-test=stats-line] canvas')).toBeVisible()
  await expectAccessible(page, 'the accident statistics')
  await page.locator('[data-test=drill-330100]').click()
  await expect(page).toHaveURL(/division=330100/)
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('杭州市')
  await page.locator('[data-test=drill-330106]').click()
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('西湖区')
  await expect(page.locator('[data-test=stats-table] .el-table__row').first()).toBeVisible()
  await page.locator('[data-test=crumb-330000]').click()
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('浙江省')
  // Other dimensions.
  await page.getByRole('tab', { name: '按事故类别' }).click()
  await expect(page).toHaveURL(/by=TYPE/)
  await expect(page.locator('[data-test=stats-table]')).toContainText('高处坠落')
  // The table's CSV, then the monthly report of this month.
  let download = page.waitForEvent('download')
  await page.locator('[data-test=stats-export]').click()
  expect((await download).suggestedFilename()).toMatch(/\.csv$/)
  await chooseOption(page, '#as-month', `${new Date().getMonth() + 1}月`)
  await expect(page).toHaveURL(/month=/)
  download = page.waitForEvent('download')
  await page.locator('[data-test=stats-monthly]').click()
  expect((await download).suggestedFilename()).toMatch(/^accident-monthly-.*\.csv$/)
})

test('the duty board and the home panel are accessible', async ({ page, request }) => {
  const id = await newAccident(request, `e2e 值班看板 ${Date.now()}`, 1)
  await signIn(page, 'county-admin@330106', '/accidents/board')
  await expect(page.locator(`[data-test=board-link-${id}]`).first()).toBeVisible()
  // A fresh relay clock (2 h) is green and ticks.
  const row = page.locator('[data-test=board-table] .el-table__row', { has: page.locator(`[data-test=board-link-${id}]`) }).filter({ has: page.locator('[data-test=board-kind-relay_city]') })
  await expect(row.locator('[data-test=board-left]')).toHaveAttribute('data-urgency', 'ok')
  const before = await row.locator('[data-test=board-left]').textContent()
  await expect(row.locator('[data-test=board-left]')).not.toHaveText(before ?? '', { timeout: 5000 })
  await expectAccessible(page, 'the duty board')
  await page.goto('/')
  await expect(page.locator('[data-test=accident-home] [data-test=accident-figure-open] .value')).toHaveText(/^\d+$/)
  await expectAccessible(page, 'the home page with the accident panel')
  await page.locator('[data-test=accident-home] [data-test=accident-figure-open]').click()
  await expect(page).toHaveURL(/\/accidents\/board$/)
})

test("the report form and the rules are accessible; the rules are the province's", async ({ page }) => {
  await signIn(page, 'county-admin@330106', '/accidents/new')
  await expect(page.locator('[data-test=accident-report-form]')).toBeVisible()
  await page.locator('[data-test=ar-unregistered]').click()
  await expect(page.locator('#ar-unit-name')).toBeVisible()
  await expectAccessible(page, 'the flash report form')
  // The rules are the province's: not found for a county.
  await page.goto('/accidents/rules')
  await expect(page.locator('[data-test=accident-rules-form]')).toHaveCount(0)
  await switchUser(page, 'province-admin@330000', '/accidents/rules')
  await expect(page.locator('[data-test=accident-rules-form]')).toBeVisible()
  await expect(page.locator('[data-test=den-330100]')).toBeVisible()
  await expectAccessible(page, 'the accident rules')
  await page.locator('[data-test=rules-save]').click()
  await expect(page.locator('.el-message--success')).toBeVisible()
})

test('a phone files a flash report for its own enterprise @mobile', async ({ page }) => {
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth)
  await signIn(page, 'enterprise@330106', '/accidents/new')
  await expect(page.locator('[data-test=accident-report-form]')).toBeVisible()
  await expect(page.locator('[data-test=ar-own]')).not.toBeEmpty()
  expect(await noOverflow()).toBeLessThanOrEqual(360)
  await page.locator('#ar-place').fill('一号车间')
  await chooseOption(page, '#ar-type', '机械伤害')
  await chooseOption(page, '#ar-industry', 'C 制造业')
  await page.locator('#ar-seriousInjuries').fill('10')
  await expect(page.locator('[data-test=ar-grade] [data-test=grade-tag]')).toHaveText('较大')
  await page.locator('#ar-seriousInjuries').fill('1')
  await expect(page.locator('[data-test=ar-grade] [data-test=grade-tag]')).toHaveText('一般')
  const box = await page.locator('[data-test=ar-grade]').boundingBox()
  expect(box!.x + box!.width).toBeLessThanOrEqual(360)
  await page.locator('#ar-summary').fill(`e2e 手机快报 冲床伤手 ${Date.now()}`)
  await page.locator('#ar-reporter').fill('李安全')
  await page.locator('#ar-phone').fill('13800000000')
  expect(await noOverflow()).toBeLessThanOrEqual(360)
  await page.locator('[data-test=ar-submit]').click()
  await expect(page.locator('[data-test=acc-timeline]')).toBeVisible()
  await expect(page.locator('[data-test=action-follow_up]')).toBeVisible()
  expect(await noOverflow()).toBeLessThanOrEqual(360)
  await expectAccessible(page, 'the accident detail on a phone')
})

// Hidden hazards: reporting with a photo, the 一般 flow through return and
// acceptance, statistics drill-down, another county's hazard, phones, and
// the accessibility of each page.
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, signIn, expectAccessible, PASSWORD } from './fixtures'

/** A 1×1 PNG (real PNG bytes: the server checks the signature). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

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

/** A fresh 一般 hazard of county 330106's first enterprise, reported by its user. */
async function newHazard(request: APIRequestContext, description: string): Promise<string> {
  const d = await api(request, 'enterprise@330106', 'mutation($d:String!){reportHazard(input:{category:"fire",level:"general",description:$d}){id}}', { d: description })
  return d.reportHazard.id
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

async function takeStep(page: Page, action: string, comment: string) {
  await page.locator(`[data-test=action-${action}]`).click()
  const form = page.locator(`[data-test=action-form-${action}]`)
  await expect(form).toBeVisible()
  if (action === 'submit-rectification') {
    // 五落实: responsible person and measures (kept from an earlier round).
    await form.locator(`#ha-${action}-person`).fill('王安全')
    await form.locator(`#ha-${action}-measures`).fill('清理杂物，设置警示标识')
  }
  await form.locator('[data-test=action-comment]').fill(comment)
  await form.locator('[data-test=action-submit]').click()
  await expect(form).toBeHidden()
}

test('an enterprise reports with a photo; returned, rectified and accepted, the timeline shows every step', async ({ page }) => {
  const text = `e2e 消防通道堵塞 ${Date.now()}`
  await signIn(page, 'enterprise@330106', '/hazards/new')
  await expect(page.locator('[data-test=hazard-report-form]')).toBeVisible()
  await chooseOption(page, '#hr-category', '火灾')
  await page.locator('#hr-description').fill(text)
  await page.locator('#hr-location').fill('一号仓库东侧')
  await page.locator('#hr-photo').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG })
  await expect(page.locator('[data-test=hr-photo-preview]')).toBeVisible()
  await page.locator('[data-test=hr-submit]').click()
  await expect(page).toHaveURL(/\/hazards\/(?!new$)[^/?]+$/)
  const id = page.url().split('/').pop()!
  await expect(page.locator('[data-test=hazard-description]')).toHaveText(text)
  await expect(page.locator('[data-test=hazard-state]')).toHaveText('整改中')
  // The photo, previewed from its bytes.
  await expect(page.locator('[data-test=event-report] [data-test=attachment-img]')).toBeVisible()

  await takeStep(page, 'submit-rectification', '已清理通道')
  await expect(page.locator('[data-test=hazard-state]')).toHaveText('待验收')

  await switchUser(page, 'inspector@330106', `/hazards/${id}`)
  await takeStep(page, 'return', '通道仍有杂物，退回整改')
  await expect(page.locator('[data-test=hazard-state]')).toHaveText('整改中')

  await switchUser(page, 'enterprise@330106', `/hazards/${id}`)
  await takeStep(page, 'submit-rectification', '杂物已全部清除')
  await expect(page.locator('[data-test=hazard-state]')).toHaveText('待验收')

  await switchUser(page, 'inspector@330106', `/hazards/${id}`)
  await takeStep(page, 'accept', '复查合格')
  await expect(page.locator('[data-test=hazard-state]')).toHaveText('已销号')
  await expect(page.locator('[data-test=no-actions]')).toBeVisible()

  const timeline = page.locator('[data-test=hazard-timeline]')
  await expect(timeline.locator('[data-test=event-report]')).toHaveCount(1)
  await expect(timeline.locator('[data-test=event-submit-rectification]')).toHaveCount(2)
  await expect(timeline.locator('[data-test=event-return]')).toContainText('通道仍有杂物，退回整改')
  await expect(timeline.locator('[data-test=event-return]')).toContainText('inspector@330106')
  await expect(timeline.locator('[data-test=event-accept]')).toContainText('复查合格')
  await expect(timeline.locator('[data-test=attachment-img]')).toHaveAttribute('alt', /site\.png/)
})

test('a province admin drills the statistics down to a county', async ({ page }) => {
  await signIn(page, 'province-admin@330000', '/hazards/statistics')
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('浙江省')
  await expect(page.locator('[data-test=stats-bar] canvas')).toBeVisible()
  await page.locator('[data-test=drill-330100]').click()
  await expect(page).toHaveURL(/division=330100/)
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('杭州市')
  await page.locator('[data-test=drill-330106]').click()
  await expect(page).toHaveURL(/division=330106/)
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('西湖区')
  await expect(page.locator('[data-test=crumb-330000]')).toBeVisible()
  await expect(page.locator('[data-test=crumb-330100]')).toBeVisible()
  // A county's rows are its enterprises.
  await expect(page.locator('[data-test=stats-table] .el-table__row').first()).toBeVisible()
  // The breadcrumb goes back up.
  await page.locator('[data-test=crumb-330100]').click()
  await expect(page.locator('[data-test=crumb-current]')).toHaveText('杭州市')
  // The CSV downloads.
  const download = page.waitForEvent('download')
  await page.locator('[data-test=stats-export]').click()
  expect((await download).suggestedFilename()).toMatch(/\.csv$/)
})

test("another county's user sees not found at a hazard's URL", async ({ page, request }) => {
  const id = await newHazard(request, `e2e 另一县不可见 ${Date.now()}`)
  await signIn(page, 'county-admin@330203', `/hazards/${id}`)
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
  await expect(page.locator('[data-test=hazard-description]')).toHaveCount(0)
})

test('the list keeps its filters in the URL and highlights overdue rows', async ({ page }) => {
  await signIn(page, 'inspector@330106', '/hazards?overdue=true&open=true')
  await expect(page.locator('[data-test=hazard-table]')).toBeVisible()
  const rows = page.locator('[data-test=hazard-table] .el-table__row')
  await expect(rows.first()).toBeVisible()
  await expect(rows.first()).toHaveClass(/row-overdue/)
  await chooseOption(page, '#hf-level', '一般隐患')
  await page.locator('[data-test=hazard-filter-apply]').click()
  await expect(page).toHaveURL(/level=general/)
  await expect(page).toHaveURL(/overdue=true/)
  await rows.first().locator('[data-test=hazard-link]').click()
  await expect(page.locator('[data-test=hazard-description]')).toBeVisible()
  await expect(page.locator('[data-test=hazard-overdue]')).toBeVisible()
})

test('a phone reports with the camera input and takes the next step @mobile', async ({ page }) => {
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth)
  await signIn(page, 'enterprise@330106', '/hazards/new')
  const photo = page.locator('#hr-photo')
  await expect(photo).toHaveAttribute('capture', 'environment')
  await expect(photo).toHaveAttribute('accept', 'image/*')
  await expect(page.locator('label[for=hr-photo]')).toBeVisible()
  expect(await noOverflow()).toBeLessThanOrEqual(360)
  await chooseOption(page, '#hr-category', '电气')
  await page.locator('#hr-description').fill(`e2e 手机上报 配电箱未上锁 ${Date.now()}`)
  await photo.setInputFiles({ name: 'phone.png', mimeType: 'image/png', buffer: PNG })
  await page.locator('[data-test=hr-submit]').click()
  await expect(page.locator('[data-test=hazard-timeline]')).toBeVisible()
  await expect(page.locator('[data-test=attachment-img]')).toBeVisible()
  const step = page.locator('[data-test=action-submit-rectification]')
  await expect(step).toBeVisible()
  expect(await noOverflow()).toBeLessThanOrEqual(360)
  await step.click()
  const form = page.locator('[data-test=action-form-submit-rectification]')
  await expect(form).toBeVisible()
  const box = await form.boundingBox()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(360)
  await form.locator('#ha-submit-rectification-person').fill('李电工')
  await form.locator('#ha-submit-rectification-measures').fill('配电箱加锁')
  await form.locator('[data-test=action-comment]').fill('已上锁')
  await form.locator('[data-test=action-submit]').click()
  await expect(page.locator('[data-test=hazard-state]')).toHaveText('待验收')
  expect(await noOverflow()).toBeLessThanOrEqual(360)
})

for (const [what, path, ready] of [
  ['the hazard list', '/hazards', '[data-test=hazard-table] .el-table__row'],
  ['the report form', '/hazards/new', '[data-test=hazard-report-form]'],
  ['the hazard detail', 'DETAIL', '[data-test=hazard-timeline] [data-test=timeline-event]'],
  ['the statistics', '/hazards/statistics', '[data-test=stats-table] .el-table__row'],
  ['the public reports inbox', '/hazards/public-reports', 'h1'],
] as const) {
  test(`${what} is accessible`, async ({ page, request }) => {
    const target = path === 'DETAIL' ? `/hazards/${await newHazard(request, `e2e 无障碍检查 ${Date.now()}`)}` : path
    await signIn(page, 'inspector@330106', target)
    await expect(page.locator(ready).first()).toBeVisible()
    await expectAccessible(page, what)
  })
}

test('the home panel links its figures to the filtered list', async ({ page }) => {
  await signIn(page, 'inspector@330106', '/')
  const awaiting = page.locator('[data-test=hazard-home] [data-test=hazard-figure-awaiting]')
  await expect(awaiting.locator('.value')).toHaveText(/^\d+$/)
  await expectAccessible(page, 'the home panel')
  await awaiting.click()
  await expect(page).toHaveURL(/\/hazards\?state=awaiting-acceptance/)
  await expect(page.locator('[data-test=hazard-table] [data-test=hazard-state]').first()).toHaveText('待验收')
})

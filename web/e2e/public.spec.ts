// Public pages: anyone reports a hazard and follows it by its token; the
// county's inspector dismisses it with a reason the reporter then sees.
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, signIn, expectAccessible, PASSWORD } from './fixtures'

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

// The demo allows 5 public reports an hour from one address; every test
// here comes from 127.0.0.1, so the province's limit is raised first.
test.beforeEach(async ({ request }) => {
  const d = await api(request, 'province-admin@330000', `{ hazardRules { generalDeadlineDays majorDeadlineDays siteCheckDays utcOffsetMinutes categories
    escalations { level role afterDays } quarterlyDueDay yearlyDue publicReportsPerHour publicReportsPerCountyPerHour } }`)
  const rules = d.hazardRules
  if (rules.publicReportsPerHour >= 1000) return
  await api(request, 'province-admin@330000', 'mutation($i:HazardRulesInput!){setHazardRules(input:$i){publicReportsPerHour}}', {
    i: { ...rules, publicReportsPerHour: 1000 },
  })
})

async function report(page: Page, what: string): Promise<{ token: string; reference: string }> {
  await page.goto('/public/report')
  await expect(page.locator('[data-test=public-report-form]')).toBeVisible()
  await page.locator('#pub-name').fill('杭州某某化工有限公司')
  await page.locator('#pub-county').fill('330106')
  await page.locator('#pub-address').fill('西湖区某路 1 号')
  await page.locator('#pub-description').fill(what)
  await page.locator('#pub-reporter').fill('张三')
  await page.locator('#pub-phone').fill('13800000000')
  await page.locator('[data-test=pub-submit]').click()
  await expect(page.locator('[data-test=public-receipt]')).toBeVisible()
  const token = (await page.locator('[data-test=public-token]').textContent())!.trim()
  const reference = (await page.locator('[data-test=public-reference]').textContent())!.trim()
  expect(token.length).toBeGreaterThan(8)
  return { token, reference }
}

async function follow(page: Page, token: string) {
  await page.goto('/public/follow')
  await page.locator('#pub-token').fill(token)
  await page.locator('[data-test=pub-look]').click()
  await expect(page.locator('[data-test=public-status]')).toBeVisible()
}

test('a report is submitted and followed by its token on a phone @mobile', async ({ page }) => {
  const width = () => page.evaluate(() => document.documentElement.scrollWidth)
  await page.goto('/public/report')
  await expect(page.locator('[data-test=public-report-form]')).toBeVisible()
  expect(await width()).toBeLessThanOrEqual(360)
  const { token } = await report(page, `e2e 手机举报 仓库堆放大量易燃物 ${Date.now()}`)
  expect(await width()).toBeLessThanOrEqual(360)
  await page.locator('[data-test=public-follow-link]').click()
  await expect(page).toHaveURL(/\/public\/follow/)
  await page.locator('#pub-token').fill(token)
  await page.locator('[data-test=pub-look]').click()
  await expect(page.locator('[data-test=public-status-name]')).toHaveText('已收到，待处理')
  expect(await width()).toBeLessThanOrEqual(360)
  // A wrong token finds nothing.
  await page.locator('#pub-token').fill('not-a-token')
  await page.locator('[data-test=pub-look]').click()
  await expect(page.locator('[data-test=public-not-found]')).toBeVisible()
})

test('the inspector dismisses a public report and the reporter sees the reason', async ({ page }) => {
  const what = `e2e 举报 消防器材过期 ${Date.now()}`
  const { token, reference } = await report(page, what)
  await signIn(page, 'inspector@330106', '/hazards/public-reports')
  const card = page.locator(`[data-test=public-report-${reference}]`)
  await expect(card).toContainText(what)
  await expect(card).toContainText('张三')
  await card.locator('[data-test=pr-dismiss]').click()
  const form = page.locator('[data-test=pr-dismiss-form]')
  await form.locator('[data-test=pd-reason]').fill('经核查，该企业器材均在有效期内')
  await form.locator('[data-test=pd-submit]').click()
  await expect(form).toBeHidden()
  await expect(card).toHaveCount(0)
  await page.evaluate(() => sessionStorage.clear())
  await follow(page, token)
  await expect(page.locator('[data-test=public-status-name]')).toHaveText('不予受理')
  await expect(page.locator('[data-test=public-status]')).toContainText('经核查，该企业器材均在有效期内')
})

test('the inspector accepts a public report as a hazard', async ({ page, request }) => {
  const e = await api(request, 'inspector@330106', '{ enterprises(filter: { tenantCode: "330106" }, first: 1) { nodes { name } } }')
  const name: string = e.enterprises.nodes[0].name
  const what = `e2e 举报 安全出口锁闭 ${Date.now()}`
  const { token, reference } = await report(page, what)
  await signIn(page, 'inspector@330106', '/hazards/public-reports')
  const card = page.locator(`[data-test=public-report-${reference}]`)
  await card.locator('[data-test=pr-accept]').click()
  const form = page.locator('[data-test=pr-accept-form]')
  await expect(form).toBeVisible()
  const wrapper = (id: string) => form.locator(id).locator('xpath=ancestor::div[contains(@class,"el-select__wrapper")]')
  await expect(async () => {
    await form.locator('#pa-enterprise').click({ force: true })
    await form.locator('#pa-enterprise').fill(name)
    await page.getByRole('option', { name, exact: true }).click({ timeout: 5000 })
    await expect(wrapper('#pa-enterprise')).toContainText(name, { timeout: 2000 })
  }).toPass()
  await expect(async () => {
    await form.locator('#pa-category').click({ force: true })
    await page.getByRole('option', { name: '火灾', exact: true }).click({ timeout: 3000 })
    await expect(wrapper('#pa-category')).toContainText('火灾', { timeout: 2000 })
  }).toPass()
  await form.locator('[data-test=pa-submit]').click()
  await expect(page.locator('[data-test=hazard-timeline]')).toBeVisible()
  await expect(page.locator('[data-test=hazard-description]')).toHaveText(what)
  await page.evaluate(() => sessionStorage.clear())
  await follow(page, token)
  await expect(page.locator('[data-test=public-status-name]')).toHaveText('已受理')
})

test('the public pages are accessible', async ({ page }) => {
  await page.goto('/public/report')
  await expect(page.locator('[data-test=public-report-form]')).toBeVisible()
  await expectAccessible(page, 'the public report page')
  await page.goto('/public/follow')
  await expect(page.locator('[data-test=public-follow-form]')).toBeVisible()
  await expectAccessible(page, 'the follow page')
})

// Credit (安全生产诚信): a 重大 hazard left ungoverned after its deadline
// becomes a proposal to blacklist the enterprise; the county notifies, the
// enterprise states a defence, the county decides and publishes, and the
// public blacklist shows it. A penalty of a person is refused publication
// while its summary holds the ID number, then published with the name
// masked. A penalty revoked on appeal withdraws its event and its listing
// is dismissed. Manual events, the enterprise's credit panel, and the
// accessibility of each page. Only what has no page is set up over the API.
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, signIn, expectAccessible, PASSWORD } from './fixtures'

const COUNTY = 'county-admin@330106'
const ENTERPRISE = 'enterprise@330106'
/** A well-formed ID number (GB 11643 check character). */
const PERSON_ID = '330106198506120031'

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

/** Signs out (forgets the session) and signs in as `username` at `path`. */
async function switchUser(page: Page, username: string, path: string) {
  await page.evaluate(() => sessionStorage.clear())
  await signIn(page, username, path)
}

/** Picks `option` in the Element Plus select whose input is `input` (retried: the dropdown animates). */
async function chooseOption(page: Page, input: string, option: string | RegExp, shown?: string) {
  const wrapper = page.locator(input).locator('xpath=ancestor::div[contains(@class,"el-select__wrapper")]')
  await expect(async () => {
    await page.locator(input).click({ force: true })
    const opt = typeof option === 'string' ? page.getByRole('option', { name: option, exact: true }) : page.getByRole('option', { name: option })
    await opt.first().click({ timeout: 3000 })
    await expect(wrapper).toContainText(shown ?? String(option), { timeout: 2000 })
  }).toPass()
}

/** Opens the step's form, lets `fill` complete it, submits, and waits for the dialog to close. */
async function takeStep(page: Page, action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  await page.locator(`[data-test=action-${action}]`).first().click()
  const form = page.locator(`[data-test=action-form-${action}]`)
  await expect(form).toBeVisible()
  if (fill) await fill(form)
  await form.locator('[data-test=action-submit]').click()
  await expect(form).toBeHidden()
}

const state = (page: Page) => page.locator('.page-header ~ section [data-test=listing-state]').first()

type Reported = { id: string; enterpriseId: string; enterpriseName: string }

/** The enterprise user reports a 重大 hazard whose deadline passes in a few seconds. */
async function overdueMajorHazard(request: APIRequestContext, description: string): Promise<Reported> {
  const d = await api(
    request,
    ENTERPRISE,
    'mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id enterpriseId enterpriseName } }',
    {
      i: {
        category: 'explosion',
        level: 'major',
        description,
        majorReport: { stateAndCause: '储罐区防火堤破损，因年久失修', harmAndDifficulty: '泄漏可致火灾爆炸；需停产维修' },
        deadline: new Date(Date.now() + 3_000).toISOString(),
      },
    },
  )
  return d.reportHazard
}

/** The listing the credit module proposed for the hazard (waits for the deadline job and the event). */
async function listingOf(request: APIRequestContext, h: Reported): Promise<string> {
  let id = ''
  await expect
    .poll(
      async () => {
        const d = await api(
          request,
          COUNTY,
          'query($e: String) { creditListings(enterpriseId: $e, first: 50) { items { id state events { refId } } } }',
          { e: h.enterpriseId },
        )
        const l = (d.creditListings.items as { id: string; state: string; events: { refId?: string | null }[] }[]).find((x) =>
          x.events.some((e) => (e.refId ?? '').startsWith(h.id)),
        )
        id = l?.id ?? ''
        return l?.state ?? ''
      },
      { timeout: 45_000, intervals: [500, 1000, 2000] },
    )
    .toBe('proposed')
  return id
}

test('an overdue 重大 hazard becomes a proposal; notified, defended, decided and published, it is on the public blacklist', async ({ page, request }) => {
  const h = await overdueMajorHazard(request, `e2e 储罐区防火堤破损 ${Date.now()}`)
  const id = await listingOf(request, h)

  // The county opens the proposal and notifies the enterprise.
  await signIn(page, COUNTY, `/credit/listings/${id}`)
  await expect(page.locator('[data-test=listing-title]')).toContainText(h.enterpriseName)
  await expect(state(page)).toHaveAttribute('data-state', 'proposed')
  await expect(page.locator('[data-test=listing-events] [data-test=listing-event]').first()).toContainText('重大事故隐患')
  await expect(page.locator('[data-test=listing-timeline] [data-test=step-propose]')).toBeVisible()
  await takeStep(page, 'notify')
  await expect(state(page)).toHaveAttribute('data-state', 'notified')
  // No decision before the defence (or its period's end).
  await expect(page.locator('[data-test=action-decide]')).toBeDisabled()
  await expect(page.locator('[data-test=decide-wait]')).toBeVisible()

  // The enterprise states its defence.
  const defence = '防火堤已于上周开始修复，申请从轻处理'
  await switchUser(page, ENTERPRISE, `/credit/listings/${id}`)
  await expect(state(page)).toHaveAttribute('data-state', 'notified')
  await expect(page.locator('[data-test=action-decide]')).toHaveCount(0)
  await takeStep(page, 'defence', (f) => f.locator('[data-test=action-text]').fill(defence))
  await expect(page.locator('[data-test=listing-defence]')).toHaveText(defence)
  await expect(page.locator('[data-test=action-defence]')).toHaveCount(0)

  // The county decides to list, answering the defence, and publishes.
  const answer = '逾期未治理属实，修复尚未完成，申辩理由不成立'
  await switchUser(page, COUNTY, `/credit/listings/${id}`)
  await expect(page.locator('[data-test=action-decide]')).toBeEnabled()
  await takeStep(page, 'decide', async (f) => {
    await expect(f).toContainText(defence)
    await f.locator('[data-test=decide-list-yes]').click()
    await f.locator('[data-test=action-text]').fill(answer)
  })
  await expect(state(page)).toHaveAttribute('data-state', 'decided')
  await expect(page.locator('[data-test=listing-answer]')).toHaveText(answer)
  await takeStep(page, 'publish')
  await expect(state(page)).toHaveAttribute('data-state', /^(published|managed)$/)
  await expect(page.locator('[data-test=listing-term]')).toBeVisible()
  const timeline = page.locator('[data-test=listing-timeline]')
  for (const s of ['propose', 'notify', 'defence', 'decide', 'publish']) await expect(timeline.locator(`[data-test=step-${s}]`)).toBeVisible()
  await expect(timeline.locator('[data-test=step-decide]')).toContainText(answer)

  // The managed period plans the summons and inspections; the county marks the summons done.
  await expect(async () => {
    await page.reload()
    await expect(page.locator('[data-test=listing-task][data-kind=summons]')).toBeVisible({ timeout: 2000 })
  }).toPass({ timeout: 30_000 })
  const summons = page.locator('[data-test=listing-task][data-kind=summons]')
  await summons.locator('[data-test=action-complete_task]').click()
  const form = page.locator('[data-test=action-form-complete_task]')
  await form.locator('[data-test=action-text]').fill('已约谈企业主要负责人')
  await form.locator('[data-test=action-submit]').click()
  await expect(form).toBeHidden()
  await expect(summons).toContainText('已约谈企业主要负责人')

  // The public, without signing in, finds the enterprise on the current blacklist.
  await page.evaluate(() => sessionStorage.clear())
  await page.goto('/public/credit')
  await expect(page.locator('[data-test=public-credit-tabs]')).toBeVisible()
  await page.locator('#pb-search').fill(h.enterpriseName)
  await page.locator('[data-test=blacklist-submit]').click()
  const item = page.locator('[data-test=blacklist-item]').filter({ hasText: h.enterpriseName })
  // Public answers may be cached for a while: look again until it shows.
  await expect(async () => {
    await page.reload()
    await expect(item.first()).toBeVisible({ timeout: 2000 })
  }).toPass({ timeout: 60_000 })
  await expect(item.first()).toContainText('重大事故隐患')
  await expect(page.locator('[data-test=user-menu]')).toHaveCount(0)
  await expectAccessible(page, 'the public blacklist')

  // The credit look-up shows the enterprise's grade and the listing.
  await page.goto(`/public/credit?tab=lookup`)
  await page.locator('#pl-name').fill(h.enterpriseName)
  await page.locator('[data-test=lookup-submit]').click()
  await page.locator('[data-test=lookup-result]').filter({ hasText: h.enterpriseName }).first().click()
  await expect(page.locator('[data-test=profile-name]')).toHaveText(h.enterpriseName)
  await expect(page.locator('[data-test=credit-profile] [data-test=credit-grade]')).toHaveText(/^[ABCD]$/)
  await expect(page.locator('[data-test=profile-listings]')).toContainText('重大事故隐患')
  await expectAccessible(page, 'the public credit profile')
})

test("a person's penalty is refused publication with the ID number in it, then published with the name masked", async ({ page }) => {
  const caseNumber = `西应急罚〔2026〕E2E${Date.now()}号`
  await signIn(page, COUNTY, '/credit/penalties')
  await expect(page.locator('[data-test=penalty-table]')).toBeVisible()
  await page.locator('[data-test=penalty-new]').click()
  const form = page.locator('[data-test=penalty-form]')
  await expect(form).toBeVisible()
  await form.locator('#pf-case').fill(caseNumber)
  await form.locator('[data-test=pf-party-person]').click()
  await form.locator('#pf-person').fill('张三丰')
  await form.locator('#pf-idno').fill(PERSON_ID)
  await form.locator('#pf-violation').fill('未经安全培训擅自进入有限空间作业')
  await form.locator('#pf-article').fill('《安全生产法》第一百零七条')
  await chooseOption(page, '#pf-type', '罚款')
  await form.locator('#pf-amount').fill('5000')
  await expectAccessible(page, 'the penalty form')
  await form.locator('[data-test=pf-submit]').click()
  await expect(form).toBeHidden()
  await expect(page).toHaveURL(/\/credit\/penalties\/[^/?]+$/)
  await expect(page.locator('[data-test=penalty-case]')).toHaveText(caseNumber)
  await expect(page.locator('[data-test=penalty-party]')).toHaveText('张三丰')
  await expect(page.locator('[data-test=penalty-due]')).not.toHaveText('无')

  // The status: executed.
  await chooseOption(page, '#ps-enforcement', '已执行')
  await page.locator('[data-test=penalty-status-save]').click()
  await expect(page.locator('[data-test=penalty-status-save]')).toBeDisabled()

  // A summary with the ID number is refused, beside the field.
  const publish = page.locator('[data-test=penalty-publish-form]')
  await publish.locator('[data-test=publish-summary]').fill(`当事人身份证号 ${PERSON_ID}，罚款5000元`)
  await publish.locator('[data-test=publish-submit]').click()
  await expect(publish.locator('.el-form-item__error')).toContainText('身份证')
  await expect(page.locator('[data-test=penalty-published-at]')).toContainText('未公示')
  await expectAccessible(page, 'the penalty page with an error')

  // A clean summary is published.
  const summary = '当事人张*未经安全培训擅自进入有限空间作业，处罚款5000元'
  await publish.locator('[data-test=publish-summary]').fill(summary)
  await publish.locator('[data-test=publish-submit]').click()
  await expect(page.locator('[data-test=penalty-summary]')).toHaveText(summary)
  await expect(page.locator('[data-test=penalty-publish-form]')).toHaveCount(0)
  await expect(page.locator('[data-test=penalty-late]')).toHaveCount(0)

  // The public penalties tab shows it, the name masked.
  await page.evaluate(() => sessionStorage.clear())
  await page.goto(`/public/credit?tab=penalties&q=${encodeURIComponent(caseNumber)}`)
  const item = page.locator('[data-test=public-penalty]').filter({ hasText: caseNumber })
  await expect(async () => {
    await page.reload()
    await expect(item).toBeVisible({ timeout: 2000 })
  }).toPass({ timeout: 60_000 })
  await expect(item.locator('[data-test=public-penalty-party]')).toHaveText(/^张\*+$/)
  await expect(item).not.toContainText('三丰')
  await expect(item).not.toContainText(PERSON_ID)
  await expect(item.locator('[data-test=public-penalty-summary]')).toHaveText(summary)
  await expectAccessible(page, 'the public penalties')
})

test('a county records a credit event by hand; the events list shows it unlisted', async ({ page, request }) => {
  const detail = `e2e 县级录入 未按规定公示安全承诺 ${Date.now()}`
  const list = await api(request, COUNTY, '{ enterprises(first: 5) { nodes { id name uscc } } }')
  const other = list.enterprises.nodes[0] as { id: string; name: string; uscc: string }

  await signIn(page, COUNTY, '/credit/events')
  await expect(page.locator('[data-test=event-table]')).toBeVisible()
  await page.locator('[data-test=event-record]').click()
  const form = page.locator('[data-test=record-event-form]')
  await expect(form).toBeVisible()
  // Searched by its USCC, so the one option is the enterprise (the list
  // re-renders while the remote search answers; a click on a long list
  // could land on a neighbour).
  await expect(async () => {
    await page.locator('#re-enterprise').click({ force: true })
    await page.locator('#re-enterprise').fill(other.uscc)
    const opt = page.getByRole('option').filter({ hasText: other.uscc })
    await expect(page.getByRole('option').filter({ visible: true })).toHaveCount(1, { timeout: 3000 })
    await opt.first().click({ timeout: 3000 })
    await expect(form).toContainText(other.name, { timeout: 2000 })
  }).toPass()
  await chooseOption(page, '#re-trigger', '其他失信行为（县级录入）')
  await expect(form.locator('[data-test=record-proposes]')).toHaveCount(0)
  await form.locator('#re-detail').fill(detail)
  await expectAccessible(page, 'the record event form')
  await form.locator('[data-test=record-submit]').click()
  await expect(form).toBeHidden()

  await page.locator('[data-test=event-unlisted]').click()
  await page.locator('[data-test=event-filter-apply]').click()
  await expect(page).toHaveURL(/unlisted=true/)
  const row = page.locator('[data-test=event-table] .el-table__row').filter({ hasText: detail })
  await expect(row).toBeVisible()
  await expect(row.locator('[data-test=event-enterprise]')).toHaveText(other.name)
  await expect(row).toContainText('未列入')
})

test('a licence revocation revoked on appeal: its event is withdrawn and the listing it started is dismissed at once', async ({ page, request }) => {
  // An enterprise of the county with no listing yet (set up over the API:
  // the penalty's own form is tested above).
  const d = await api(request, COUNTY, '{ enterprises(first: 100) { nodes { id name } } }')
  let ent: { id: string; name: string } | undefined
  for (const e of d.enterprises.nodes as { id: string; name: string }[]) {
    const l = await api(request, COUNTY, 'query($e: String) { creditListings(enterpriseId: $e) { total } }', { e: e.id })
    if (l.creditListings.total === 0) { ent = e; break }
  }
  expect(ent, 'an enterprise without a listing').toBeTruthy()
  const caseNumber = `西应急罚〔2026〕复${Date.now()}号`
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const p = await api(request, COUNTY, 'mutation($i: PenaltyInput!) { recordPenalty(input: $i) { id } }', {
    i: { caseNumber, partyKind: 'enterprise', enterpriseId: ent!.id, violation: '重大事故隐患拒不整改', article: '《安全生产许可证条例》第十四条', penaltyType: 'licence_revocation', decidedAt: today },
  })
  const ls = await api(request, COUNTY, 'query($e: String) { creditListings(enterpriseId: $e) { items { id state } } }', { e: ent!.id })
  const listing = ls.creditListings.items[0] as { id: string; state: string }
  expect(listing.state).toBe('proposed')

  // The decision is revoked on reconsideration.
  await signIn(page, COUNTY, `/credit/penalties/${p.recordPenalty.id}`)
  await expect(page.locator('[data-test=penalty-case]')).toHaveText(caseNumber)
  await chooseOption(page, '#ps-appeal', '撤销')
  await expect(page.locator('[data-test=revoke-hint]')).toBeVisible()
  await page.locator('[data-test=penalty-status-save]').click()
  await expect(page.locator('[data-test=penalty-status-save]')).toBeDisabled()

  // The listing shows its event withdrawn and offers only dismissal.
  await page.goto(`/credit/listings/${listing.id}`)
  await expect(page.locator('[data-test=listing-event-withdrawn]')).toContainText(caseNumber)
  await expect(page.locator('[data-test=step-eventWithdrawn]')).toBeVisible()
  await expect(page.locator('[data-test=next-actions] .el-button')).toHaveCount(1)
  await page.locator('[data-test=action-dismiss]').click()
  const form = page.locator('[data-test=action-form-dismiss]')
  await expect(form.locator('[data-test=dismiss-intro]')).toBeVisible()
  await expectAccessible(page, 'the dismissal form')
  await form.locator('[data-test=action-text]').fill('处罚决定经行政复议被撤销，列入依据不复存在')
  await form.locator('[data-test=action-submit]').click()
  await expect(form).toBeHidden()
  await expect(state(page)).toHaveText('不予列入')
  await expect(page.locator('[data-test=no-actions]')).toBeVisible()
})

for (const [what, path, ready] of [
  ['the listings', '/credit/listings', '[data-test=listing-table]'],
  ['the credit events', '/credit/events', '[data-test=event-table]'],
  ['the penalties', '/credit/penalties', '[data-test=penalty-table]'],
] as const) {
  test(`${what} page is accessible`, async ({ page }) => {
    await signIn(page, COUNTY, path)
    await expect(page.locator(ready)).toBeVisible()
    await expectAccessible(page, what)
  })
}

test('a listing with its actions, and the enterprise credit panel, are accessible', async ({ page, request }) => {
  const d = await api(request, COUNTY, '{ creditListings(first: 1) { items { id enterpriseId } } }')
  const l = d.creditListings.items[0] as { id: string; enterpriseId: string } | undefined
  expect(l, 'the demo data has listings').toBeTruthy()
  await signIn(page, COUNTY, `/credit/listings/${l!.id}`)
  await expect(page.locator('[data-test=listing-timeline] [data-test=timeline-step]').first()).toBeVisible()
  await expectAccessible(page, 'the listing page')
  await page.goto(`/enterprises/${l!.enterpriseId}`)
  const panel = page.locator('[data-test=credit-enterprise-panel]')
  await expect(panel.locator('[data-test=credit-grade]').first()).toHaveText(/^[ABCD]$/)
  await expect(panel.locator('[data-test=credit-panel-listings]')).toBeVisible()
  // A commitment, recorded and then found broken.
  const text = `e2e 承诺：全面落实安全生产主体责任 ${Date.now()}`
  await panel.locator('[data-test=commitment-make]').click()
  const form = page.locator('[data-test=commitment-form]')
  await form.locator('[data-test=commitment-text]').fill(text)
  await form.locator('[data-test=commitment-submit]').click()
  await expect(form).toBeHidden()
  const c = panel.locator('[data-test=commitment]').filter({ hasText: text })
  await expect(c).toHaveAttribute('data-broken', 'false')
  await expectAccessible(page, 'the enterprise credit panel')
  await c.locator('[data-test=commitment-break]').click()
  await form.locator('[data-test=commitment-text]').fill('承诺期内发生重大隐患逾期未治理')
  await form.locator('[data-test=commitment-submit]').click()
  await expect(form).toBeHidden()
  await expect(c).toHaveAttribute('data-broken', 'true')
})

test('the public credit page is linked from the public frame, and each tab is accessible', async ({ page }) => {
  await page.goto('/public/report')
  await page.locator('[data-test=public-credit-link]').click()
  await expect(page).toHaveURL(/\/public\/credit$/)
  await expect(page.locator('[data-test=blacklist-which]')).toBeVisible()
  await expectAccessible(page, 'the public blacklist tab')
  await page.locator('[data-test=blacklist-history]').click()
  await expect(page).toHaveURL(/history=1/)
  await page.getByRole('tab', { name: '行政处罚公示' }).click()
  await expect(page).toHaveURL(/tab=penalties/)
  await expect(page.locator('[data-test=penalties-search]')).toBeVisible()
  await expectAccessible(page, 'the public penalties tab')
  await page.getByRole('tab', { name: '信用查询' }).click()
  await expect(page.locator('[data-test=lookup-form]')).toBeVisible()
  await page.locator('[data-test=lookup-submit]').click()
  await expect(page.locator('[data-test=lookup-form] .el-form-item__error')).toBeVisible()
  await expectAccessible(page, 'the public look-up tab')
})

test('the public credit pages work on a phone: the blacklist, and a look-up down to the profile @mobile', async ({ page }) => {
  const width = () => page.evaluate(() => document.documentElement.scrollWidth)
  await page.goto('/public/credit')
  const first = page.locator('[data-test=blacklist-item]').first()
  await expect(first).toBeVisible()
  expect(await width()).toBeLessThanOrEqual(360)
  const name = (await first.locator('[data-test=blacklist-name]').textContent())!.trim()
  await page.getByRole('tab', { name: '信用查询' }).click()
  await page.locator('#pl-name').fill(name)
  await page.locator('[data-test=lookup-submit]').click()
  await page.locator('[data-test=lookup-result]').filter({ hasText: name }).first().click()
  await expect(page.locator('[data-test=profile-name]')).toHaveText(name)
  await expect(page.locator('[data-test=profile-listings]')).toBeVisible()
  expect(await width()).toBeLessThanOrEqual(360)
})

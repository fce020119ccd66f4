// Safety standardization review (安全生产标准化评审): the whole flow in the
// browser, from an enterprise's application and self-assessment through
// consent, acceptance, assignment, the on-site review, the organiser's and
// the authority's approval and the announcement to the signed certificate,
// the certificate as a PDF and on the enterprise's page, then the public
// check of the certificate (signed out), and the accessibility of each page.
// Only what has no page is set up over the API.
import fs from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { test, expect, signIn, expectAccessible, gql, PASSWORD } from './fixtures'

const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** A valid 企业 USCC of `county`, different for each `seed`. */
function uscc(seed: number, county: string): string {
  let x = seed % 31 ** 8
  const body: string[] = []
  for (let i = 0; i < 8; i++) {
    body.unshift(ALPHA[x % 31])
    x = Math.floor(x / 31)
  }
  const orgValue = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65 + 10)
  const sum = body.reduce((s, c, i) => s + orgValue(c) * ORG_WEIGHTS[i], 0)
  const oc = 11 - (sum % 11)
  const org = oc === 10 ? 'X' : oc === 11 ? '0' : String(oc)
  const first17 = `91${county}${body.join('')}${org}`
  const s = [...first17].reduce((a, c, i) => a + ALPHA.indexOf(c) * USCC_WEIGHTS[i], 0)
  return first17 + ALPHA[(31 - (s % 31)) % 31]
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

/** Clicks the download button, waits for the file, checks it is a PDF; its name. */
async function downloadPdf(page: Page, button: string | Locator): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (typeof button === 'string' ? page.locator(button) : button).click(),
  ])
  const name = download.suggestedFilename()
  expect(name).toMatch(/\.pdf$/)
  const bytes = fs.readFileSync(await download.path())
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  return name
}

const state = (page: Page) => page.locator('[data-test=std-state]')

/** Opens the step's form, lets `fill` complete it, submits, and waits for the new state. */
async function takeStep(page: Page, action: string, to: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  await page.locator(`[data-test=action-${action}]`).click()
  const form = page.locator(`[data-test=action-form-${action}]`)
  await expect(form).toBeVisible()
  if (fill) await fill(form)
  await form.locator('[data-test=action-submit]').click()
  await expect(form).toBeHidden()
  await expect(state(page)).toHaveAttribute('data-state', to)
}

async function fullMarks(form: ReturnType<Page['locator']>) {
  await expect(form.locator('[data-test=checklist-table] .el-table__row').first()).toBeVisible()
  await form.locator('[data-test=checklist-fill-full]').click()
  await expect(form.locator('[data-test=checklist-total]')).toContainText('1000')
}

test('an enterprise is reviewed and certified; anyone checks the certificate', async ({ page }) => {
  test.setTimeout(360_000)
  const stamp = Date.now()

  // Set-up without a page: no notice period (province), an organising unit
  // with a user (city), and an enterprise of industry WH with its user (county).
  await signIn(page, 'province-admin@330000', '/standardization/checklists')
  await expect(page.locator('[data-test=checklists-table]')).toContainText('WH')
  await expectAccessible(page, 'the checklists page')
  const rules = (await gql(page, '{ standardizationRules }')).standardizationRules
  await gql(page, 'mutation($r: JSON!) { setStandardizationRules(rules: $r) }', { r: { ...rules, noticeDays: 0 } })

  await switchUser(page, 'reviewer@330100', '/standardization')
  const reviewUnitId = (await gql(page, '{ me { organisationId } }')).me.organisationId as string

  await switchUser(page, 'city-admin@330100', '/standardization')
  const organiserName = `e2e 标准化评审组织单位 ${stamp}`
  const org = await gql(page, 'mutation($n: String!) { createOrganisation(input: {tenantCode: "330100", kind: "review-organising-unit", name: $n}) { id } }', { n: organiserName })
  const organiser = `std-organiser-${stamp}`
  await gql(page, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
    i: { tenantCode: '330100', username: organiser, displayName: '组织单位', password: PASSWORD, roles: ['reviewer'], organisationId: org.createOrganisation.id },
  })
  const orgs = await gql(page, '{ organisations(first: 100) { nodes { id name } } }')
  const reviewUnitName = (orgs.organisations.nodes as { id: string; name: string }[]).find((o) => o.id === reviewUnitId)!.name

  await switchUser(page, 'county-admin@330106', '/standardization')
  const code = uscc(stamp, '330106')
  const entName = `e2e 标准化企业 ${stamp}`
  const created = await gql(page, 'mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }', {
    i: {
      uscc: code, name: entName, principal: '王五', principalPhone: '0571-88888888', productionAddress: '西湖区某路1号',
      divisionCode: '330106001', industry: 'WH', staffCount: 120, revenueWan: 2500.0, majorHazards: [{ name: '储罐区', rValue: 120.0 }],
    },
  })
  const enterpriseId = created.createEnterprise.id as string
  const entOrg = await gql(page, 'mutation($n: String!, $u: String!) { createOrganisation(input: {tenantCode: "330106", kind: "enterprise", name: $n, uscc: $u}) { id } }', { n: entName, u: code })
  const entUser = `std-ent-${stamp}`
  await gql(page, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
    i: { tenantCode: '330106', username: entUser, displayName: entName, password: PASSWORD, roles: ['enterprise'], organisationId: entOrg.createOrganisation.id },
  })

  // The enterprise applies for 三级 and assesses itself.
  await switchUser(page, entUser, '/standardization/apply')
  await expect(page.locator('[data-test=std-apply-form]')).toBeVisible()
  await expectAccessible(page, 'the apply page')
  await page.locator('[data-test=std-grade-3]').click()
  await page.locator('#sa-since').fill('2025-01-01')
  await page.locator('#sa-since').press('Enter')
  await expect(page.locator('#sa-since')).toHaveValue('2025-01-01')
  await page.locator('[data-test=std-apply-submit]').click()
  await expect(page).toHaveURL(/\/standardization\/(?!apply$)[^/?]+$/)
  const url = new URL(page.url()).pathname
  await expect(state(page)).toHaveAttribute('data-state', 'draft')
  await expect(page.locator('[data-test=std-grade]')).toHaveText('三级')
  await expectAccessible(page, 'the application page')
  await takeStep(page, 'self_assess', 'self-assessed', fullMarks)
  await expect(page.locator('[data-test=std-self-score]')).toHaveText('100')

  // The county consents; the city accepts and assigns the review.
  await switchUser(page, 'county-admin@330106', url)
  await takeStep(page, 'consent', 'submitted')
  await switchUser(page, 'city-admin@330100', url)
  await takeStep(page, 'accept', 'accepted')
  await takeStep(page, 'assign_review', 'under-review', async () => {
    await chooseOption(page, '#sa-assign_review-unit', reviewUnitName)
    await chooseOption(page, '#sa-assign_review-organiser', organiserName)
  })

  // The review unit records the on-site review with two reviewers and signs.
  await switchUser(page, 'reviewer@330100', url)
  await takeStep(page, 'record_review', 'reviewed', async (form) => {
    await form.locator('[data-test=reviewer-0] [data-test=reviewer-name]').fill('张评审')
    await form.locator('[data-test=reviewer-0] [data-test=reviewer-cert]').fill('PS-0001')
    await form.locator('[data-test=reviewer-1] [data-test=reviewer-name]').fill('李评审')
    await form.locator('[data-test=reviewer-1] [data-test=reviewer-cert]').fill('PS-0002')
    await fullMarks(form)
  })
  await expect(page.locator('[data-test=std-review-score]')).toHaveText('100')
  await expect(page.locator('[data-test=std-achieved]')).toHaveText('三级')
  await takeStep(page, 'sign_report', 'report-signed')

  // The organising unit and then the authority approve; announced at once (no notice period).
  await switchUser(page, organiser, url)
  await takeStep(page, 'organiser_approve', 'organiser-audited')
  await switchUser(page, 'city-admin@330100', url)
  await takeStep(page, 'authority_approve', 'publicising')
  await expect(page.locator('[data-test=std-objections]')).toBeVisible()
  await takeStep(page, 'announce', 'announced')

  // The certificate: numbered, signed, shown once issued.
  await page.locator('[data-test=action-issue_certificate]').click()
  await page.locator('[data-test=action-form-issue_certificate] [data-test=action-submit]').click()
  const cert = page.locator('[data-test=std-certificate]')
  await expect(cert).toBeVisible()
  const number = (await cert.locator('[data-test=cert-number]').innerText()).trim()
  expect(number).toMatch(/^浙AQBWHⅢ\d{4}\d{5}$/)
  await expect(cert.locator('[data-test=cert-grade]')).toHaveText('三级')
  await expect(cert.locator('[data-test=cert-signature]')).not.toBeEmpty()
  await expect(cert.locator('[data-test=cert-qr]')).not.toBeEmpty()
  await cert.locator('[data-test=cert-close]').click()
  await expect(cert).toBeHidden()
  await expect(state(page)).toHaveAttribute('data-state', 'certified')
  await expect(page.locator('[data-test=std-certificate-number]')).toHaveText(number)
  const timeline = page.locator('[data-test=std-timeline]')
  await expect(timeline.locator('[data-test=event-apply]')).toHaveCount(1)
  await expect(timeline.locator('[data-test=event-issue_certificate]')).toHaveCount(1)
  await expect(page.locator('[data-test=no-actions]')).toBeVisible()

  // The certificate as a PDF, fetched on the click.
  const pdfName = await downloadPdf(page, '[data-test=std-certificate-pdf]')
  expect(pdfName).toBe(`${number}.pdf`)

  // The enterprise's page shows its standardization card (slot `enterprise.detail`), with the PDF too.
  await page.goto(`/enterprises/${enterpriseId}`)
  await expect(page.locator('[data-test=enterprise-name]')).toHaveText(entName)
  const card = page.locator('[data-test=std-enterprise-panel]')
  await expect(card).toBeVisible()
  await expect(card.locator('[data-test=std-panel-grade]')).toHaveText('三级')
  const certRow = card.locator('[data-test=std-panel-certificate]').filter({ hasText: number })
  await expect(certRow.locator('[data-test=cert-number]')).toHaveText(number)
  await expect(certRow.locator('[data-test=cert-status]')).toHaveText('有效')
  expect(await downloadPdf(page, certRow.locator('[data-test=cert-pdf]'))).toBe(`${number}.pdf`)
  await expectAccessible(page, 'the enterprise page with its standardization card')

  // The list shows it, certified, with its certificate.
  await page.goto('/standardization?state=certified')
  const row = page.locator('[data-test=std-table] .el-table__row').filter({ hasText: entName })
  await expect(row.locator('[data-test=std-cert]')).toHaveText(number)
  await expectAccessible(page, 'the application list')

  // Signed out, anyone checks the certificate.
  await page.evaluate(() => sessionStorage.clear())
  await page.goto('/certificate-check')
  await expect(page.locator('[data-test=cert-check-form]')).toBeVisible()
  await expect(page.locator('[data-test=user-menu]')).toHaveCount(0)
  await page.locator('#cc-number').fill(number)
  await page.locator('[data-test=cc-submit]').click()
  const result = page.locator('[data-test=cc-result]')
  await expect(result.locator('[data-test=cc-status]')).toHaveText('有效')
  await expect(result.locator('[data-test=cc-enterprise]')).toHaveText(entName)
  await expect(result.locator('[data-test=cc-grade]')).toHaveText('三级')
  await expect(result.locator('[data-test=cc-signature-valid]')).toHaveText('签名有效')
  await expectAccessible(page, 'the certificate check page')

  // A forged number (a certificate never issued) and garbage are told apart.
  const forged = `${number.slice(0, -5)}99999`
  await page.locator('#cc-number').fill(forged)
  await page.locator('[data-test=cc-submit]').click()
  await expect(page.locator('[data-test=cc-notFound]')).toBeVisible()
  await expect(result).toHaveCount(0)
  await page.locator('#cc-number').fill("' OR 1=1 --")
  await page.locator('[data-test=cc-submit]').click()
  await expect(page.locator('[data-test=cc-malformed]')).toBeVisible()
})

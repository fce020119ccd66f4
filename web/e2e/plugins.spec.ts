// County plugins: upload, compile, test run, activation; the policy page;
// accessibility; and one county not seeing another's plugins.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, signIn, expectAccessible, PASSWORD } from './fixtures'

const here = path.dirname(fileURLToPath(import.meta.url))
const WASM = path.resolve(here, '../../plugins/examples/build/enterprise-validator-rust.wasm')

/** A plugin name no earlier run used (the server refuses a name+version twice). */
function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`
}

async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const r = await request.post('/graphql', {
    data: { query: 'mutation($input: LoginInput!) { login(input: $input) { token } }', variables: { input: { username, password: PASSWORD } } },
  })
  const body = await r.json()
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
  return body.data.login.token as string
}

/** Uploads the example rule as the county's plugin developer (set-up for
 * tests about other things than the upload form); the new version's id. */
async function apiUpload(request: APIRequestContext, name: string): Promise<string> {
  const token = await apiToken(request, 'plugin-developer@330106')
  const query = 'mutation($input: UploadPluginInput!, $file: Upload!) { uploadPlugin(input: $input, file: $file) { id } }'
  const r = await request.post('/graphql', {
    headers: { Authorization: `Bearer ${token}` },
    multipart: {
      operations: JSON.stringify({ query, variables: { input: { tenantCode: '330106', name, version: '1.0.0', description: 'e2e' }, file: null } }),
      map: JSON.stringify({ 0: ['variables.file'] }),
      0: { name: 'rule.wasm', mimeType: 'application/wasm', buffer: fs.readFileSync(WASM) },
    },
  })
  const body = await r.json()
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
  return body.data.uploadPlugin.id as string
}

/** Confirms the open ElMessageBox. */
async function confirmBox(page: Page) {
  const box = page.locator('.el-message-box')
  await expect(box).toBeVisible()
  await box.locator('.el-button--primary').click()
  await expect(box).toBeHidden()
}

const metaState = (page: Page) => page.locator('[data-test=version-meta] [data-test=state-tag]')
const metaCompile = (page: Page) => page.locator('[data-test=version-meta] [data-test=compile-tag]')

test('a developer uploads and tests a rule; the county admin activates it', async ({ page, browser }) => {
  const name = uniqueName('e2e-rule')
  await signIn(page, 'plugin-developer@330106', '/plugins')
  await expect(page.locator('[data-test=plugins-page] h1')).toBeVisible()

  // Upload through the form (multipart request).
  await page.locator('[data-test=upload-open]').click()
  const dialog = page.locator('[data-test=upload-dialog]')
  await expect(dialog).toBeVisible()
  await dialog.locator('#plugin-name').fill(name)
  await dialog.locator('#plugin-version').fill('1.0.0')
  await dialog.locator('#plugin-description').fill('危化企业须有安全管理人员电话（e2e）')
  await dialog.locator('#plugin-file').setInputFiles(WASM)
  await dialog.locator('[data-test=upload-submit]').click()

  // The version's page, which follows the compilation until it is ready.
  await expect(page).toHaveURL(/\/plugins\/[^/]+$/)
  await expect(page.locator('[data-test=plugin-version-page] h1')).toContainText(name)
  await expect(metaCompile(page)).toHaveAttribute('data-value', 'ready', { timeout: 60_000 })
  await expect(metaState(page)).toHaveAttribute('data-value', 'draft')
  const url = page.url()

  // Bad JSON is caught before anything is sent.
  const input = page.locator('#plugin-test-input')
  await input.fill('{"uscc": ')
  await expect(page.locator('[data-test=test-json-error]')).not.toBeEmpty()
  await expect(page.locator('[data-test=test-run]')).toBeDisabled()

  // A dangerous-chemicals enterprise without its safety manager's phone: rejected.
  await input.fill(
    JSON.stringify({
      uscc: '91330106MA2H2L2K2G',
      name: '杭州某某化工有限公司',
      production_address: '杭州市西湖区某路1号',
      division_code: '330106001',
      industry: 'WH',
      safety_manager: '陈华',
    }),
  )
  await expect(page.locator('[data-test=test-json-error]')).toHaveCount(0)
  await page.locator('[data-test=test-run]').click()
  const result = page.locator('[data-test=test-result]')
  await expect(result).toBeVisible()
  await expect(result.locator('[data-test=test-ok]')).toHaveAttribute('data-ok', 'true')
  await expect(result.locator('[data-test=test-output]')).toContainText('reject')
  await expect(result.locator('[data-test=test-output]')).toContainText('safety_manager_phone')
  await expect(result.locator('[data-test=test-logs]')).toContainText('problem')
  await expect(result.locator('[data-test=test-fuel]')).toHaveText(/^[1-9][\d,]*$/)
  await expect(result.locator('[data-test=test-time]')).toHaveText(/\d/)
  // A draft that ran cleanly is now tested.
  await expect(metaState(page)).toHaveAttribute('data-value', 'tested')
  await expectAccessible(page, 'the version page with a test result')

  // The county admin, in a browser of their own.
  const ctx = await browser.newContext()
  try {
    const admin = await ctx.newPage()
    await signIn(admin, 'county-admin@330106', new URL(url).pathname)
    await expect(admin.locator('[data-test=plugin-version-page] h1')).toContainText(name)
    await expect(metaState(admin)).toHaveAttribute('data-value', 'tested')

    // Aim the rule at an industry no demo enterprise has, so that other
    // tests creating enterprises in this county are not refused by it.
    const settings = admin.locator('[data-test=settings]')
    await settings.locator('[data-test=config-add]').click()
    await settings.locator('[data-test=config-key]').last().fill('industries')
    await settings.locator('[data-test=config-value]').last().fill('ZZ')
    await settings.locator('[data-test=settings-save]').click()
    await expect(admin.locator('.el-message--success').first()).toBeVisible()

    await admin.locator('[data-test=detail-activate]').click()
    await confirmBox(admin)
    await expect(metaState(admin)).toHaveAttribute('data-value', 'active')

    // The list shows it active.
    await admin.goto('/plugins')
    const card = admin.locator(`[data-test=plugin-${name}]`)
    await expect(card.locator('[data-test=state-tag]')).toHaveAttribute('data-value', 'active')

    // Switch it off again: the demo county keeps no test rule running.
    await card.locator('[data-test=disable-1\\.0\\.0]').click()
    await confirmBox(admin)
    await expect(card.locator('[data-test=state-tag]')).toHaveAttribute('data-value', 'disabled')
    // What was disabled can be rolled back to (activated again).
    await expect(card.locator('[data-test=activate-1\\.0\\.0]')).toBeVisible()
  } finally {
    await ctx.close()
  }
})

test('the plugin pages are accessible', async ({ page, request }) => {
  const id = await apiUpload(request, uniqueName('e2e-a11y'))
  await signIn(page, 'province-admin@330000', '/plugins')
  await expect(page.locator('[data-test=plugins-page] h1')).toBeVisible()
  await expect(page.locator('[data-test=tenant-select]')).toBeVisible()
  await expectAccessible(page, 'the plugin versions')

  await page.goto(`/plugins/${id}`)
  await expect(page.locator('[data-test=version-meta]')).toBeVisible()
  await expect(page.locator('[data-test=settings] form')).toBeVisible()
  await expectAccessible(page, 'a plugin version')

  await page.goto('/plugins/policy')
  await expect(page.locator('[data-test=policy-hooks]')).toContainText('enterprise.validate')
  await expect(page.locator('#policy-limit-fuel')).not.toHaveValue('')
  await expectAccessible(page, 'the plugin policy')
})

test("another county's admin cannot see the county's plugin", async ({ page, request }) => {
  const name = uniqueName('e2e-private')
  const id = await apiUpload(request, name)
  await signIn(page, 'county-admin@330203', `/plugins/${id}`)
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
  await expect(page.locator('[data-test=plugin-version-page] h1')).toHaveCount(0)

  await page.goto('/plugins')
  await expect(page.locator('[data-test=plugin-list]')).toBeVisible()
  await expect(page.locator(`[data-test=plugin-${name}]`)).toHaveCount(0)
})

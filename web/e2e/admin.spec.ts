// Administration (系统管理): users and roles under 三员分立, the audit log and
// its verification, password resets, and each page's accessibility.
import { test, expect, signIn, expectAccessible, PASSWORD, type Page } from './fixtures'
import type { Browser, BrowserContext, Response } from '@playwright/test'

/** A username no earlier run used, that sorts before every other user (the
 * list is ordered by username, the newest run's first). */
function uniqueUsername(tag: string): string {
  const inverse = String(9_999_999_999_999 - Date.now()).padStart(13, '0')
  return `0e2e-${inverse}-${tag}-${Math.floor(Math.random() * 1000)}`
}

/** The GraphQL request as text: queries go as GET (in the URL), mutations as POST. */
function requestText(r: Response): string {
  let url = r.url()
  try {
    url = decodeURIComponent(url.replace(/\+/g, ' '))
  } catch {
    /* keep it encoded */
  }
  return `${url} ${r.request().postData() ?? ''}`
}

function isOperation(r: Response, name: string): boolean {
  return r.url().includes('/graphql') && requestText(r).includes(name)
}

/** A row of the users table. */
function userRow(page: Page, username: string) {
  return page.locator('[data-test=users-table] .el-table__body tr', { hasText: username })
}

/** Creates a user through the county administrator's form; returns its password. */
async function createUser(page: Page, username: string, displayName: string): Promise<string> {
  await page.goto('/admin/users')
  await page.locator('[data-test=create-user]').click()
  const dialog = page.locator('[data-test=create-user-dialog]')
  await expect(dialog.locator('#cu-username')).toBeVisible()
  await dialog.locator('#cu-username').fill(username)
  await dialog.locator('#cu-display').fill(displayName)
  const password = await dialog.locator('#cu-password').inputValue()
  expect(password.length).toBeGreaterThan(8)
  const created = page.waitForResponse((r) => isOperation(r, 'AdminCreateUser'))
  await dialog.locator('[data-test=create-user-submit]').click()
  expect((await (await created).json()).errors).toBeUndefined()
  await expect(dialog).toBeHidden()
  await expect(userRow(page, username)).toBeVisible()
  return password
}

async function newSignedInPage(browser: Browser, username: string, path = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, username, path)
  return { context, page }
}

test('a county administrator creates a user and the security administrator gives it a role', async ({ page, browser }) => {
  const username = uniqueUsername('role')
  await signIn(page, 'county-admin@330106', '/admin/users')
  await createUser(page, username, `测试用户${Date.now() % 100000}`)
  // The system administrator manages accounts, not roles.
  await expect(userRow(page, username).locator('[data-test=user-reset]')).toBeVisible()
  await expect(page.locator('[data-test=user-roles]')).toHaveCount(0)

  const sec = await newSignedInPage(browser, 'security-admin@330000', '/admin/users?tenant=330106')
  const p2 = sec.page
  await expect(p2.locator('h1')).toBeVisible()
  // The security administrator assigns roles but creates no accounts.
  await expect(p2.locator('[data-test=create-user]')).toHaveCount(0)
  const row = userRow(p2, username)
  await expect(row).toBeVisible()
  await expect(row.locator('[data-test=user-reset]')).toHaveCount(0)
  await row.locator('[data-test=user-roles]').click()
  const dialog = p2.locator('[data-test=roles-dialog]')
  await dialog.locator('[data-test=role-select]').click()
  // Only the roles this county user may hold: no province or city administrator.
  const options = p2.locator('.el-select-dropdown:visible .el-select-dropdown__item')
  await expect(options.first()).toBeVisible()
  await expect(options.filter({ hasText: /省级系统管理员|市级系统管理员/ })).toHaveCount(0)
  await options.filter({ hasText: '监管执法人员' }).click()
  await dialog.locator('[data-test=assign-role]').click()
  await expect(dialog.locator('[data-test=held-role]', { hasText: '监管执法人员' })).toBeVisible()
  // A second administrator group is never offered.
  await dialog.locator('[data-test=role-select]').click()
  await expect(options.filter({ hasText: '县级系统管理员' })).toHaveCount(1)
  await options.filter({ hasText: '县级系统管理员' }).click()
  await dialog.locator('[data-test=assign-role]').click()
  await expect(dialog.locator('[data-test=held-role]', { hasText: '县级系统管理员' })).toBeVisible()
  await dialog.locator('[data-test=role-select]').click()
  await expect(options.first()).toBeVisible()
  await expect(options.filter({ hasText: /安全管理员|审计管理员/ })).toHaveCount(0)
  await dialog.locator('.el-dialog__title').click()
  // Revoking the administrator role again.
  await dialog.locator('[data-test=revoke-role-county-admin]').click()
  await p2.locator('.el-message-box .el-button--primary').click()
  await expect(dialog.locator('[data-test=held-role]', { hasText: '县级系统管理员' })).toHaveCount(0)
  await dialog.locator('.el-dialog__headerbtn').click()
  await expect(dialog).toBeHidden()
  await expect(row.locator('[data-test=user-role]', { hasText: '监管执法人员' })).toBeVisible()
  await sec.context.close()

  // The county administrator sees the role, still without role buttons.
  await page.reload()
  await expect(userRow(page, username).locator('[data-test=user-role]', { hasText: '监管执法人员' })).toBeVisible()
  await expect(page.locator('[data-test=user-roles]')).toHaveCount(0)
})

test('the audit administrator filters the audit log and sees the chain intact', async ({ page }) => {
  await signIn(page, 'audit-admin@330000', '/admin/audit')
  await expect(page.locator('[data-test=audit-verification] [data-test=audit-intact]')).toBeVisible()
  await expect(page.locator('[data-test=audit-verification]')).toContainText(/审计链完整/)

  // Their own sign-in is in the log: filter by that operation.
  await page.locator('[data-test=audit-operation]').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^auth\.login$/ }).click()
  const searched = page.waitForResponse((r) => isOperation(r, 'AdminAuditLog') && requestText(r).includes('"auth.login"'))
  await page.locator('[data-test=audit-search]').click()
  await searched
  const cells = page.locator('[data-test=audit-table] [data-test=audit-operation-cell]')
  await expect(cells.first()).toHaveText('auth.login')
  const texts = await cells.allTextContents()
  expect(texts.length).toBeGreaterThan(0)
  expect(new Set(texts)).toEqual(new Set(['auth.login']))
  await expect(page.locator('[data-test=audit-table]')).toContainText('audit-admin@330000')

  // No users page for the audit administrator: not in the menu, not at its URL.
  await expect(page.getByRole('menuitem', { name: '用户管理' })).toHaveCount(0)
  await page.goto('/admin/users')
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
})

test('a reset password must be changed at the next sign-in', async ({ page, browser }) => {
  const username = uniqueUsername('reset')
  await signIn(page, 'county-admin@330106', '/admin/users')
  await createUser(page, username, `重置测试${Date.now() % 100000}`)

  await userRow(page, username).locator('[data-test=user-reset]').click()
  const dialog = page.locator('[data-test=reset-dialog]')
  await expect(dialog.locator('#rp-password')).toBeVisible()
  await dialog.locator('[data-test=reset-submit]').click()
  const shown = dialog.locator('[data-test=one-time-password]')
  await expect(shown).toBeVisible()
  const oneTime = (await shown.textContent())?.trim() ?? ''
  expect(oneTime.length).toBeGreaterThan(8)
  await dialog.locator('[data-test=reset-close]').click()

  // The user signs in with it and is sent to change it first.
  const context = await browser.newContext()
  const p2 = await context.newPage()
  await p2.goto('/login')
  await p2.locator('#login-username').fill(username)
  await p2.locator('#login-password').fill(oneTime)
  await p2.locator('[data-test=login-submit]').click()
  await expect(p2).toHaveURL(/\/change-password/)
  const fresh = `Nw-${Date.now()}-${PASSWORD}`.slice(0, 40)
  await p2.locator('#pw-old').fill(oneTime)
  await p2.locator('#pw-new').fill(fresh)
  await p2.locator('#pw-repeat').fill(fresh)
  await p2.locator('[data-test=password-submit]').click()
  // The console signs in again with the new password and goes on to the home
  // page. (Should it land on the sign-in page instead — the core's re-sign-in
  // sends the token the change revoked — the new password is tried in a
  // fresh browser.)
  await expect.poll(() => new URL(p2.url()).pathname).toMatch(/^\/(login)?$/)
  let home = p2
  if (new URL(p2.url()).pathname === '/login') {
    const again = await browser.newContext()
    home = await again.newPage()
    await home.goto('/login')
    await home.locator('#login-username').fill(username)
    await home.locator('#login-password').fill(fresh)
    await home.locator('[data-test=login-submit]').click()
  }
  await expect(home.locator('[data-test=user-menu]')).toBeVisible()
  await expect.poll(() => new URL(home.url()).pathname).toBe('/')
  await home.context().close()
  await context.close()
})

test.describe('the administration pages are accessible', () => {
  test('users and the new user form (system administrator)', async ({ page }) => {
    await signIn(page, 'province-admin@330000', '/admin/users')
    await expect(page.locator('[data-test=users-table]')).toBeVisible()
    await expectAccessible(page, 'users')
    await page.locator('[data-test=create-user]').click()
    await expect(page.locator('#cu-username')).toBeVisible()
    await expectAccessible(page, 'the new user form')
  })

  test('tenants', async ({ page }) => {
    await signIn(page, 'province-admin@330000', '/admin/tenants')
    await expect(page.locator('[data-test=tenants-table]')).toContainText('330106')
    await expectAccessible(page, 'tenants')
  })

  test('organisations and jobs (system administrator)', async ({ page }) => {
    await signIn(page, 'county-admin@330106', '/admin/organisations')
    await expect(page.locator('[data-test=orgs-table]')).toBeVisible()
    await expectAccessible(page, 'organisations')
    await page.goto('/admin/jobs')
    await expect(page.locator('[data-test=jobs-table]')).toBeVisible()
    await expectAccessible(page, 'jobs')
  })

  test('security policy and grants (security administrator)', async ({ page }) => {
    await signIn(page, 'security-admin@330000', '/admin/security-policy')
    await expect(page.locator('[data-test=policy-form]')).toBeVisible()
    await expectAccessible(page, 'security policy')
    await page.goto('/admin/organisations')
    await expect(page.locator('[data-test=grants-table]')).toBeVisible()
    await expectAccessible(page, 'organisations and grants')
  })

  test('audit log (audit administrator)', async ({ page }) => {
    await signIn(page, 'audit-admin@330000', '/admin/audit')
    await expect(page.locator('[data-test=audit-intact]')).toBeVisible()
    await expect(page.locator('[data-test=audit-table] .el-table__body tr').first()).toBeVisible()
    await expectAccessible(page, 'audit log')
  })
})

// The frame every page shares: sign-in, the URL kept across sign-in and
// session expiry, sign-out, language, lost connections, accessibility.
import { test, expect, signIn, expectAccessible, PASSWORD } from './fixtures'

test('signing in returns to the page that was asked for', async ({ page }) => {
  await page.goto('/notifications?unread=1')
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await expectAccessible(page, 'sign-in')
  await page.locator('#login-username').fill('inspector@330106')
  await page.locator('#login-password').fill('wrong password')
  await page.locator('[data-test=login-submit]').click()
  await expect(page.locator('[data-test=login-error]')).toContainText('用户名或密码错误')
  await page.locator('#login-password').fill(PASSWORD)
  await page.locator('[data-test=login-submit]').click()
  await expect(page).toHaveURL(/\/notifications\?unread=1$/)
  await expect(page.locator('[data-test=user-menu]')).toBeVisible()
})

test('an ended session goes back to sign-in and then to the same page', async ({ page }) => {
  await signIn(page, 'county-admin@330106', '/notifications')
  await expect(page.locator('h1')).toHaveText('消息通知')
  // The session ends on the server (as when it expires or is revoked).
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('anjian.session') ?? '{}').token as string)
  const r = await page.request.post('/graphql', { data: { query: 'mutation { logout }' }, headers: { Authorization: `Bearer ${token}` } })
  expect((await r.json()).data.logout).toBe(true)
  await page.locator('[data-test=home-link], .el-menu-item').first().click()
  await expect(page).toHaveURL(/\/login\?redirect=%2F.*expired=1|\/login\?.*expired=1/)
  await expect(page.locator('.el-alert--warning')).toBeVisible()
  await page.locator('#login-username').fill('county-admin@330106')
  await page.locator('#login-password').fill(PASSWORD)
  await page.locator('[data-test=login-submit]').click()
  await expect(page.locator('[data-test=user-menu]')).toBeVisible()
  await expect(page).not.toHaveURL(/login/)
})

test('signing out ends the session', async ({ page }) => {
  await signIn(page, 'inspector@330106')
  await expectAccessible(page, 'home')
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=logout]').click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/')
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)/)
})

test('the console switches to English and back', async ({ page }) => {
  await signIn(page, 'inspector@330106')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('.el-menu-item').first()).toHaveText('Home')
  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.locator('.el-menu-item').first()).toHaveText('首页')
})

test('a lost connection shows a retry, not a blank page', async ({ page }) => {
  await signIn(page, 'inspector@330106')
  const api = (u: URL) => u.pathname === '/graphql'
  await page.route(api, (route) => route.abort('internetdisconnected'))
  await page.goto('/notifications')
  await expect(page.locator('[data-test=retry]')).toBeVisible()
  await expect(page.getByRole('alert').first()).toContainText('网络')
  await page.unroute(api)
  await page.locator('[data-test=retry]').click()
  await expect(page.locator('[data-test=retry]')).toHaveCount(0)
  await expect(page.locator('h1')).toHaveText('消息通知')
})

test('an unknown address shows not found, and core pages are accessible', async ({ page }) => {
  await signIn(page, 'county-admin@330106')
  await page.goto('/no/such/page')
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
  await expectAccessible(page, 'not found')
  await page.goto('/notifications')
  await expect(page.locator('h1')).toHaveText('消息通知')
  await expectAccessible(page, 'notifications')
  await page.goto('/change-password')
  await expect(page.locator('#pw-old')).toBeVisible()
  await expectAccessible(page, 'change password')
})

test('@mobile sign-in and home fit a phone', async ({ page }) => {
  await signIn(page, 'enterprise@330106')
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(360)
  await page.getByRole('button', { name: '打开菜单' }).click()
  await expect(page.locator('.el-drawer .el-menu-item').first()).toBeVisible()
})

// Shared steps of the console's browser tests.
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

export const PASSWORD = process.env.ANJIAN_DEMO_PASSWORD ?? 'Demo-Passw0rd!2026'

/** Signs in through the sign-in page and waits for the console's frame. */
export async function signIn(page: Page, username: string, path = '/') {
  await page.goto(`/login?redirect=${encodeURIComponent(path)}`)
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(PASSWORD)
  await page.locator('[data-test=login-submit]').click()
  await expect(page.locator('[data-test=user-menu]')).toBeVisible()
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  // Let transitions and lazy content settle: axe reads the page as it is.
  await page.waitForLoadState('networkidle')
  // A toast fading in or out is measured at part opacity (a contrast
  // failure that no one sees): wait until every toast is fully shown.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-message')].every((e) => getComputedStyle(e).opacity === '1'),
  )
  // Likewise a dialog fading in (its text is measured against a half-drawn
  // background): wait until no finite transition or animation runs.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
  expect(summary, `accessibility of ${what}`).toEqual([])
}

/** A GraphQL call with the page's own session (for setting up a test's data). */
export async function gql<T = any>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('anjian.session') ?? '{}').token as string)
  const r = await page.request.post('/graphql', {
    data: { query, variables },
    headers: { Authorization: `Bearer ${token}` },
  })
  const body = await r.json()
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data as T
}

export const test = base
export { expect }

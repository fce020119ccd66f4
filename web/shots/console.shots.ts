// Screenshots of the console's main pages, written to docs/console/.
import { test, expect, type Page } from '@playwright/test'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { signIn, gql } from '../e2e/fixtures'

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/console')

async function shot(page: Page, name: string, url: string, ready?: string) {
  await page.goto(url)
  if (ready) await expect(page.locator(ready).first()).toBeVisible()
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: path.join(out, `${name}.png`) })
}

test('sign-in', async ({ page }) => {
  await shot(page, 'sign-in', '/login', '#login-username')
})

test('county admin pages', async ({ page }) => {
  await signIn(page, 'county-admin@330106')
  await shot(page, 'home', '/', '.figure')
  await shot(page, 'enterprises', '/enterprises?search=化工', 'tbody tr')
  const d = await gql(page, '{ enterprises(filter: {search: "化工"}, first: 1) { nodes { id } } }')
  await shot(page, 'enterprise-detail', `/enterprises/${d.enterprises.nodes[0].id}`, 'h1')
  await shot(page, 'hazards', '/hazards', 'tbody tr')
  const h = await gql(page, '{ hazards(first: 1, filter: {open: true}) { nodes { id } } }')
  await shot(page, 'hazard-detail', `/hazards/${h.hazards.nodes[0].id}`, 'h1')
  await shot(page, 'plugins', '/plugins', 'h1')
})

test('province pages', async ({ page }) => {
  await signIn(page, 'province-admin@330000')
  await shot(page, 'hazard-statistics', '/hazards/statistics', 'canvas')
})

test('accident pages', async ({ page }) => {
  await signIn(page, 'county-admin@330106')
  await shot(page, 'accident-board', '/accidents/board', 'tbody tr')
  const a = await gql(page, '{ accidents(first: 1, state: "reported") { nodes { id } } }')
  await shot(page, 'accident-detail', `/accidents/${a.accidents.nodes[0].id}`, 'h1')
  await shot(page, 'accident-report', '/accidents/new', 'form')
  await signIn(page, 'province-admin@330000')
  await shot(page, 'accident-statistics', '/accidents/statistics', 'canvas')
})

test('credit pages', async ({ page }) => {
  // The public blacklist first, before signing in.
  await shot(page, 'public-credit', '/public/credit', '[data-test=blacklist-item]')
  await signIn(page, 'county-admin@330106')
  await page.goto('/credit/listings')
  await page.locator('[data-test=listing-link]').first().click()
  await expect(page).toHaveURL(/\/credit\/listings\/[^/?]+$/)
  await expect(page.locator('[data-test=listing-title]')).toBeVisible()
  await expect(page.locator('[data-test=listing-event]').first()).toBeVisible()
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: path.join(out, 'credit-listing.png') })
  await shot(page, 'credit-penalties', '/credit/penalties', '[data-test=penalty-table] tbody tr')
})

test('audit log', async ({ page }) => {
  await signIn(page, 'audit-admin@330000')
  await shot(page, 'audit-log', '/admin/audit', '[data-test=audit-verification]')
})

test('phone: public report', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, deviceScaleFactor: 2 })
  const page = await ctx.newPage()
  await shot(page, 'phone-public-report', '/public/report', 'form')
  await ctx.close()
})

// The console's initial load: JavaScript a browser downloads for the sign-in
// page and for the home page after signing in, as sent (gzip) and unpacked.
// Usage: node scripts/size.mjs [base URL] (default http://127.0.0.1:8080);
// the server must run with ANJIAN_DEMO_PASSWORD (or Demo-Passw0rd!2026).
import { chromium } from '@playwright/test'

const base = process.argv[2] ?? 'http://127.0.0.1:8080'
const password = process.env.ANJIAN_DEMO_PASSWORD ?? 'Demo-Passw0rd!2026'
const user = process.env.ANJIAN_SIZE_USER ?? 'county-admin@330106'

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
const page = await browser.newPage()
const seen = new Map()
page.on('requestfinished', async (req) => {
  const url = req.url()
  if (!url.endsWith('.js')) return
  const sizes = await req.sizes()
  const resp = await req.response()
  const body = resp ? await resp.body() : Buffer.alloc(0)
  seen.set(url, { sent: sizes.responseBodySize, unpacked: body.length })
})
function total() {
  let sent = 0
  let unpacked = 0
  for (const v of seen.values()) {
    sent += v.sent
    unpacked += v.unpacked
  }
  return { files: seen.size, sentKB: +(sent / 1024).toFixed(1), unpackedKB: +(unpacked / 1024).toFixed(1) }
}
await page.goto(`${base}/login`, { waitUntil: 'networkidle' })
const login = total()
await page.locator('#login-username').fill(user)
await page.locator('#login-password').fill(password)
await page.locator('[data-test=login-submit]').click()
await page.locator('[data-test=user-menu]').waitFor()
await page.waitForLoadState('networkidle')
const home = total()
await browser.close()
const echarts = [...seen.keys()].filter((u) => /echarts|charts/i.test(u))
console.log(JSON.stringify({ login, loginAndHome: home, chartChunksLoaded: echarts.length }, null, 1))

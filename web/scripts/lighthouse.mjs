// Lighthouse (performance, accessibility) on the console's pages, signed in,
// through Debian's chromium. Lighthouse is not a dependency of the console:
// scripts/bench-console.sh installs it into LH_DIR first.
// Usage: LH_DIR=/tmp/anjian-lighthouse node scripts/lighthouse.mjs <base URL>
const lhDir = process.env.LH_DIR ?? '/tmp/anjian-lighthouse'
const base = process.argv[2] ?? 'http://127.0.0.1:8080'
const password = process.env.ANJIAN_DEMO_PASSWORD ?? 'Demo-Passw0rd!2026'
const { default: lighthouse } = await import(`${lhDir}/node_modules/lighthouse/core/index.js`)
const { default: desktop } = await import(`${lhDir}/node_modules/lighthouse/core/config/desktop-config.js`)
const { default: puppeteer } = await import(`${lhDir}/node_modules/puppeteer-core/lib/puppeteer/puppeteer-core.js`)

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
  headless: true,
})
const page = await browser.newPage()
await page.goto(`${base}/login`)
await page.waitForSelector('#login-username')
await page.type('#login-username', 'county-admin@330106')
await page.type('#login-password', password)
await page.click('[data-test=login-submit]')
await page.waitForSelector('[data-test=user-menu]')

async function api(query) {
  return page.evaluate(async (q) => {
    const token = JSON.parse(sessionStorage.getItem('anjian.session') ?? '{}').token
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q }) })
    return (await r.json()).data
  }, query)
}
const h = await api('{ hazards(first: 1, filter: {open: true}) { nodes { id } } }')
const pages = {
  home: `${base}/`,
  enterpriseList: `${base}/enterprises`,
  hazardDetail: `${base}/hazards/${h.hazards.nodes[0].id}`,
}
const out = {}
for (const [name, url] of Object.entries(pages)) {
  const r = await lighthouse(
    url,
    { disableStorageReset: true, onlyCategories: ['performance', 'accessibility'], logLevel: 'error' },
    desktop,
    page,
  )
  const c = r.lhr.categories
  out[name] = {
    performance: Math.round(c.performance.score * 100),
    accessibility: Math.round(c.accessibility.score * 100),
    lcpMs: Math.round(r.lhr.audits['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(r.lhr.audits['total-blocking-time'].numericValue),
    url: r.lhr.finalDisplayedUrl,
  }
}
await browser.close()
console.log(JSON.stringify(out, null, 1))

// The enterprise register: search, detail, edit with a field error then a
// valid edit, a dry-run import with rejected rows, change requests, access.
import fs from 'node:fs'
import { test, expect, signIn, expectAccessible, gql } from './fixtures'

const COUNTY = 'county-admin@330106'

/** An enterprise of county A whose name has 化工 (for pages that need one). */
async function someEnterprise(page: import('@playwright/test').Page): Promise<{ id: string; name: string; uscc: string }> {
  const d = await gql<{ enterprises: { nodes: { id: string; name: string; uscc: string }[] } }>(
    page,
    'query($f: EnterpriseFilter){ enterprises(filter: $f, first: 5) { nodes { id name uscc } } }',
    { f: { search: '化工', status: 'operating' } },
  )
  expect(d.enterprises.nodes.length).toBeGreaterThan(0)
  return d.enterprises.nodes[0]
}

test('a county admin searches, opens, fails and then makes an edit', async ({ page }) => {
  await signIn(page, COUNTY, '/enterprises')
  await expect(page.locator('[data-test=enterprise-table]')).toBeVisible()
  await page.locator('#ent-f-q').fill('化工')
  await page.locator('[data-test=enterprise-search-submit]').click()
  await expect(page).toHaveURL(/q=%E5%8C%96%E5%B7%A5|q=化工/)
  const rows = page.locator('[data-test=enterprise-row]')
  // Every row of the filtered list has 化工 (in its name, USCC or address).
  await expect(rows.first()).toBeVisible()
  await expect(rows.filter({ hasNotText: '化工' })).toHaveCount(0)
  await expect(page.locator('[data-test=enterprise-total]')).not.toHaveText(/^共 0 条$/)

  // Open the first one.
  const link = rows.first().locator('a')
  const name = (await link.innerText()).trim()
  const href = (await link.getAttribute('href')) ?? ''
  const id = href.split('/enterprises/')[1]
  expect(id).toBeTruthy()
  await link.click()
  await expect(page).toHaveURL(new RegExp(`/enterprises/${id}$`))
  await expect(page.locator('[data-test=enterprise-name]')).toHaveText(name)

  // Edit with an invalid USCC: the server's message beside the USCC field.
  await page.locator('[data-test=enterprise-edit]').click()
  await expect(page).toHaveURL(new RegExp(`/enterprises/${id}/edit$`))
  const uscc = page.locator('#ent-uscc')
  await expect(uscc).not.toHaveValue('')
  const original = await uscc.inputValue()
  const phone = `0571-${String(Date.now()).slice(-8)}`
  await page.locator('#ent-principalPhone').fill(phone)
  await uscc.fill('91330106ABCDEFGHIJ')
  await page.locator('[data-test=enterprise-save]').click()
  const usccError = page.locator('[data-test=item-uscc] .el-form-item__error')
  await expect(usccError).toBeVisible()
  await expect(usccError).not.toBeEmpty()
  await expect(page.locator('[data-test=form-error]')).toBeVisible()
  // What the user typed is still there.
  await expect(uscc).toHaveValue('91330106ABCDEFGHIJ')
  await expect(page.locator('#ent-principalPhone')).toHaveValue(phone)

  // Put the USCC back: the phone is saved and shown on the detail page.
  await uscc.fill(original)
  await page.locator('[data-test=enterprise-save]').click()
  await expect(page).toHaveURL(new RegExp(`/enterprises/${id}$`))
  await expect(page.locator('[data-test=field-principalPhone] dd')).toHaveText(phone)
  await expect(page.locator('[data-test=history-entry]').first()).toContainText(phone)
})

test('a dry-run import reports the rejected rows and offers them for download', async ({ page }) => {
  await signIn(page, COUNTY, '/enterprises/import')
  await expect(page.locator('[data-test=import-form]')).toBeVisible()
  // Two good rows (the register's own, exported) and two bad ones.
  const d = await gql<{ enterpriseExport: string }>(page, '{ enterpriseExport(filter: { industry: "HG" }) }')
  const lines = d.enterpriseExport.replace(/^\ufeff/, '').split(/\r?\n/).filter(Boolean)
  const header = lines[0]
  const width = header.split(',').length
  const row = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')].join(',')
  const bad1 = row(['91330106ABCDEFGHIJ', '测试坏行一化工有限公司', '', '', '', '', '', '', '杭州市西湖区测试路1号', '330106001', '', '', 'HG'])
  const bad2 = row(['', '', '', '', '', '', '', '', '杭州市西湖区测试路2号', '330106001', '', '', 'XX'])
  const csv = [header, lines[1], bad1, lines[2], bad2].join('\n') + '\n'

  await page.locator('#ent-import-file').setInputFiles({ name: 'enterprises.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') })
  await expect(page.locator('[data-test=import-dry-run] input')).toBeChecked()
  await page.locator('[data-test=import-run]').click()
  await expect(page.locator('[data-test=import-status]')).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(page.locator('[data-test=import-rows-read]')).toHaveText('4')
  await expect(page.locator('[data-test=import-rejected]')).toHaveText('2')
  const table = page.locator('[data-test=import-rejections]')
  await expect(table).toBeVisible()
  await expect(table).toContainText('91330106ABCDEFGHIJ')
  await expect(table.locator('tbody tr td:first-child').first()).toHaveText('3')
  await expect(table).toContainText('XX')

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-download-rejects]').click()])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
  const text = fs.readFileSync(await download.path(), 'utf-8').replace(/^\ufeff/, '')
  const out = text.split(/\r?\n/).filter(Boolean)
  expect(out).toHaveLength(3) // header and the two rejected rows
  expect(out[1]).toContain('91330106ABCDEFGHIJ')
  expect(out[2]).toContain('XX')
  expect(out[0]).toContain('统一社会信用代码')
})

test('an enterprise asks for a change, the county approves it', async ({ browser }) => {
  const ent = await browser.newPage()
  await signIn(ent, 'enterprise@330106', '/my-enterprise')
  await expect(ent.locator('[data-test=enterprise-fields]')).toBeVisible()
  await ent.locator('[data-test=mine-request]').click()
  const phone = `0571-${String(Date.now()).slice(-8)}`
  await ent.locator('#ent-safetyManagerPhone').fill(phone)
  await ent.locator('[data-test=enterprise-save]').click()
  const mine = ent.locator('[data-test=change-request]').filter({ has: ent.locator('[data-test=diff-after]', { hasText: phone }) })
  await expect(mine).toBeVisible()
  await expect(mine.locator('[data-test=change-status]')).toHaveText('待审核')
  await ent.close()

  const admin = await browser.newPage()
  await signIn(admin, COUNTY, '/enterprises/changes')
  const proposing = (p: import('@playwright/test').Page) => p.locator('[data-test=change-request]').filter({ has: p.locator('[data-test=diff-after]', { hasText: phone }) })
  const card = proposing(admin)
  await expect(card).toBeVisible()
  await card.locator('[data-test=change-approve]').click()
  await admin.locator('#ent-cr-comment').fill('核实无误')
  await admin.locator('[data-test=change-confirm]').click()
  await expect(proposing(admin)).toHaveCount(0)
  await admin.goto('/enterprises/changes?status=approved')
  await expect(proposing(admin).locator('[data-test=change-status]')).toHaveText('已通过')
  await admin.close()
})

test('the enterprise pages are accessible', async ({ page }) => {
  await signIn(page, COUNTY, '/enterprises')
  await expect(page.locator('[data-test=enterprise-row]').first()).toBeVisible()
  await expectAccessible(page, 'the enterprise list')

  // Cursor paging forth and back.
  await page.waitForLoadState('networkidle')
  const first = await page.locator('[data-test=enterprise-row] a').first().innerText()
  await page.locator('[data-test=enterprise-next]').click()
  await expect(page.locator('[data-test=enterprise-row] a').first()).not.toHaveText(first)
  await expect(page.locator('[data-test=enterprise-prev]')).toBeEnabled()
  await page.locator('[data-test=enterprise-prev]').click()
  await expect(page.locator('[data-test=enterprise-row] a').first()).toHaveText(first)

  // A column chosen stays chosen.
  const staffHeader = page.locator('[data-test=enterprise-table] th', { hasText: '从业人员数' })
  const had = await staffHeader.count()
  await page.locator('[data-test=enterprise-columns]').click()
  await page.locator('[data-test=col-staffCount]').click()
  await expect(staffHeader).toHaveCount(had ? 0 : 1)
  await page.reload()
  await expect(page.locator('[data-test=enterprise-row]').first()).toBeVisible()
  await expect(staffHeader).toHaveCount(had ? 0 : 1)

  const e = await someEnterprise(page)
  await page.goto(`/enterprises/${e.id}`)
  await expect(page.locator('[data-test=enterprise-name]')).toHaveText(e.name)
  await expectAccessible(page, 'an enterprise')

  await page.goto(`/enterprises/${e.id}/edit`)
  await expect(page.locator('#ent-uscc')).toHaveValue(e.uscc)
  await expectAccessible(page, 'the edit form')

  await page.goto('/enterprises/import')
  await expect(page.locator('[data-test=import-form]')).toBeVisible()
  await expectAccessible(page, 'the import wizard')

  await page.goto('/enterprises/changes?status=all')
  await expect(page.locator('h1')).toHaveText('企业变更申请')
  await expectAccessible(page, 'the change requests')

})

test('the home page counts the register and links to the filtered list', async ({ page }) => {
  await signIn(page, COUNTY, '/')
  const figure = page.locator('[data-test=enterprise-figure-grade1]')
  await expect(figure.locator('.value')).toHaveText(/^\d+$/)
  const n = Number(await figure.locator('.value').innerText())
  await expectAccessible(page, 'the home page with the register')
  await figure.click()
  await expect(page).toHaveURL(/\/enterprises\?grade=1$/)
  await expect(page.locator('[data-test=enterprise-total]')).toHaveText(`共 ${n} 条`)
})

test('an enterprise user sees their own enterprise, not the import', async ({ page }) => {
  await signIn(page, 'enterprise@330106', '/my-enterprise')
  await expect(page.locator('[data-test=enterprise-fields]')).toBeVisible()
  await expectAccessible(page, 'my enterprise')
  await page.locator('[data-test=mine-request]').click()
  await expect(page.locator('#ent-name')).not.toHaveValue('')
  await expectAccessible(page, 'the change request form')

  await page.goto('/enterprises/import')
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
  await page.goto('/enterprises')
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
})

test('a county admin may not open an enterprise user\'s page', async ({ page }) => {
  await signIn(page, COUNTY, '/my-enterprise')
  await expect(page.locator('[data-test=not-found]')).toBeVisible()
})

test('a county admin closes and reopens an enterprise', async ({ page }) => {
  await signIn(page, COUNTY, '/enterprises')
  const d = await gql<{ enterprises: { nodes: { id: string; name: string }[] } }>(
    page,
    '{ enterprises(filter: { status: "operating", industry: "JX" }, orderBy: UPDATED_AT, first: 1) { nodes { id name } } }',
  )
  const e = d.enterprises.nodes[0]
  await page.goto(`/enterprises/${e.id}`)
  await expect(page.locator('[data-test=enterprise-name]')).toHaveText(e.name)
  await page.locator('[data-test=enterprise-close]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(page.locator('[data-test=field-status] dd')).toHaveText('关闭')
  await page.locator('[data-test=enterprise-reopen]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(page.locator('[data-test=field-status] dd')).toHaveText('在营')
  await expect(page.locator('[data-test=history-entry]').first()).toContainText('恢复')
})

test('the list fits a phone @mobile', async ({ page }) => {
  await signIn(page, COUNTY, '/enterprises')
  await expect(page.locator('[data-test=enterprise-row]').first()).toBeVisible()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(362)
})

// The province's standardization review rules (评审规则): a change saved and
// still there after a reload, a rule the server refuses shown beside its
// field, and the standardization figures on a city's home page.
import { test, expect, signIn, expectAccessible, gql } from './fixtures'

test('the province sets its review rules; a bad one is shown beside its field', async ({ page }) => {
  await signIn(page, 'province-admin@330000', '/standardization/rules')
  const before = (await gql(page, '{ standardizationRules }')).standardizationRules as Record<string, unknown>
  const form = page.locator('[data-test=std-rules-form]')
  await expect(form).toBeVisible()
  await expect(page.locator('.el-menu-item', { hasText: '评审规则' })).toHaveCount(1)

  // Notice days 7 → 5, saved, still 5 after a reload.
  const notice = page.locator('#sr-noticeDays')
  await notice.fill('5')
  await notice.press('Tab')
  await expect(notice).toHaveValue('5')
  await page.locator('[data-test=rules-save]').click()
  await expect(page.locator('.el-message--success').first()).toBeVisible()
  await page.reload()
  await expect(page.locator('[data-test=std-rules-form]')).toBeVisible()
  await expect(page.locator('#sr-noticeDays')).toHaveValue('5')
  expect((await gql(page, '{ standardizationRules }')).standardizationRules.noticeDays).toBe(5)

  // The region abbreviation is one character: two are refused, beside the field.
  await page.locator('#sr-regionAbbreviation').fill('浙江')
  await page.locator('[data-test=rules-save]').click()
  const item = page.locator('[data-test=item-regionAbbreviation]')
  await expect(item.locator('.el-form-item__error')).toBeVisible()
  await expect(item.locator('.el-form-item__error')).toContainText('简称')
  await expect(page.locator('[data-test=std-rules-error]')).toBeVisible()
  await expectAccessible(page, 'the review rules page')
  expect((await gql(page, '{ standardizationRules }')).standardizationRules.regionAbbreviation).toBe('浙')

  // Reloading drops the edit.
  await page.locator('[data-test=rules-reload]').click()
  await expect(page.locator('#sr-regionAbbreviation')).toHaveValue('浙')
  await expect(item.locator('.el-form-item__error')).toHaveCount(0)

  // Leave the rules as they were for the other tests.
  await gql(page, 'mutation($r: JSON!) { setStandardizationRules(rules: $r) }', { r: before })
})

test('a city sees the standardization figures on its home page', async ({ page }) => {
  await signIn(page, 'city-admin@330100', '/')
  const panel = page.locator('[data-test=std-home]')
  await expect(panel).toBeVisible()
  await expect(panel.locator('h2')).toHaveText('安全生产标准化评审')
  await expect(panel.locator('[data-test=std-figure-total] .value')).toHaveText(/^\d+$/)
  await expect(panel.locator('[data-test=std-figure-overdue] .value')).toHaveText(/^\d+$/)
  await expect(panel.locator('[data-test=std-figure-state-submitted] .label')).toHaveText('已提交')
  await expect(panel.locator('[data-test=std-figure-state-certified]')).toHaveCount(0)
  await expectAccessible(page, 'the home page with the standardization figures')
  await panel.locator('[data-test=std-figure-overdue]').click()
  await expect(page).toHaveURL(/\/standardization\?overdue=true$/)
  await expect(page.locator('[data-test=std-table]')).toBeVisible()
})

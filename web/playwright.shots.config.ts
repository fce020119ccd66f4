// Screenshots of the main pages for docs/console/ (README): `npx playwright
// test -c playwright.shots.config.ts`, against the same demo server as the tests.
import base from './playwright.config'
import { defineConfig } from '@playwright/test'

export default defineConfig({
  ...base,
  testDir: './shots',
  testMatch: '**/*.shots.ts',
  retries: 0,
  projects: [{ name: 'shots', use: { ...base.use, viewport: { width: 1366, height: 800 } } }],
})

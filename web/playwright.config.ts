import { defineConfig, devices } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import os from 'node:os'
import fs from 'node:fs'

// The console's browser tests: Debian's chromium (Playwright's own download
// can't work on a provincial network), against the real server binary with
// demo data on SQLite, started here. ANJIAN_E2E_BASE points the tests at a
// server that is already running instead (e.g. `vite` during development).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target')
const binary = process.env.ANJIAN_E2E_BINARY ?? path.join(target, 'debug', 'anjian')
const port = Number(process.env.ANJIAN_E2E_PORT ?? 18080)
const external = process.env.ANJIAN_E2E_BASE
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anjian-e2e-'))
export const DEMO_PASSWORD = process.env.ANJIAN_DEMO_PASSWORD ?? 'Demo-Passw0rd!2026'
const launchOptions = { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] }

export default defineConfig({
  testDir: './e2e',
  // One worker: the server and the browser share two cores.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 2 : 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: external ?? `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions }, grepInvert: /@mobile/ },
    { name: 'mobile', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, launchOptions }, grep: /@mobile/ },
  ],
  webServer: external
    ? undefined
    : {
        command: `${binary} serve --demo`,
        url: `http://127.0.0.1:${port}/readyz`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          ANJIAN_LISTEN: `127.0.0.1:${port}`,
          ANJIAN_DATA_DIR: dataDir,
          ANJIAN_DEMO_PASSWORD: DEMO_PASSWORD,
          ANJIAN_LOG: 'warn',
        },
      },
})

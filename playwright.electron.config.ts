import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the desktop app in Electron itself (tests/e2e-electron), separate from the web
 * build's (playwright.config.ts): they need the Electron binary, which this dev machine cannot
 * download. Without it every test skips with a reason naming the missing binary, and global-setup
 * prints it as a banner; with it, the app is built and launched for real.
 */
export default defineConfig({
  testDir: 'tests/e2e-electron',
  outputDir: 'test-results/e2e-electron',
  globalSetup: './tests/e2e-electron/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-electron-results.json' }]],
});

import { chromium, defineConfig, devices } from '@playwright/test';
import { findBrowser } from './scripts/find-browser.mjs';

// Playwright's own Chromium when installed, else CHROMIUM_PATH, else chromium / google-chrome on PATH
// (scripts/find-browser.mjs, which `npm test` asks first, so a missing browser fails once and early).
const browser = findBrowser({ playwrightPath: chromium.executablePath() });
if (browser.source === null) {
  // One line, not a stack trace: what is missing and how to get it.
  console.error(browser.message);
  process.exit(1);
}

// E2E_PORT moves the preview server off 4173 (when something else is serving there, which
// reuseExistingServer would otherwise test instead of this tree's build).
const port = Number(process.env['E2E_PORT'] ?? 4173);

/** End-to-end tests of the web build in Chromium (Electron cannot launch on this machine). */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      // Playwright's own download is found by Playwright itself (its headless shell included).
      ...(browser.source === 'playwright' ? {} : { executablePath: browser.path }),
      args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'],
    },
  },
  webServer: {
    command: `npx vite build --config vite.web.config.ts && npx vite preview --config vite.web.config.ts --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

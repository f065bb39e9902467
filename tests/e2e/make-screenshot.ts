/**
 * Makes docs/screenshot.png: the web build at 1280x800 (dark theme) after a deterministic run of
 * single "+100" steps, so the ReLU lane shows its dead neurons and the Leaky ReLU lane its revivals;
 * the activation panels show layer 2 (where ReLU's neurons die) and the data panel the Leaky ReLU lane's
 * decision boundary.
 * Run: npx tsx tests/e2e/make-screenshot.ts [output.png] (builds the web app and serves it on port 4174).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { findBrowser } from '../../scripts/find-browser.mjs';

const root = resolve(import.meta.dirname, '../..');
const configFile = resolve(root, 'vite.web.config.ts');
const out = resolve(process.argv[2] ?? resolve(root, 'docs/screenshot.png'));

await build({ configFile, logLevel: 'warn' });
const server = await preview({ configFile, preview: { port: 4174, strictPort: true } });
const found = findBrowser({ playwrightPath: chromium.executablePath() });
if (found.source === null) throw new Error(found.message);
const browser = await chromium.launch({
  ...(found.source === 'playwright' ? {} : { executablePath: found.path }),
  args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  await page.goto('http://localhost:4174/');
  await page.getByTestId('graph-1').locator('canvas').waitFor();
  const revivedInLane1 = () => page.locator('button.neuron[data-lane="1"][data-state="revived"]').count();
  const step = async () => Number(((await page.getByTestId('step-0').textContent()) ?? '0').replace(/\D/g, ''));
  for (let i = 0; i < 80; i++) {
    const before = await step();
    await page.getByTestId('step-100').click();
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid="step-0"]')?.textContent?.replace(/\D/g, '')) === s, before + 100);
    if (before + 100 >= 3000 && (await revivedInLane1()) >= 2) break;
  }
  await page.getByTestId('activation-layer-0-2').click();
  await page.getByTestId('activation-layer-1-2').click();
  await page.getByTestId('data-lane-1').click();
  await page.mouse.move(0, 799);
  await page.waitForTimeout(600);
  await page.screenshot({ path: out });
  console.log(`wrote ${out} at step ${await step()}`);
} finally {
  await browser.close();
  await server.close();
}

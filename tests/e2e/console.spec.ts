import { expect, type Page, test } from '@playwright/test';

/**
 * Every console warning and error the page logs, but for Chromium's own GPU-driver notes ("GL Driver
 * Message ... GPU stall due to ReadPixels"), which the software rasterizer of headless CI prints for
 * any WebGL canvas kept for export and which no code of ours logs.
 */
function collectWarnings(page: Page): string[] {
  const out: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && !/GL Driver Message/.test(m.text())) out.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => out.push(`pageerror: ${e.message}`));
  return out;
}

test('training at Max through scenarios that change the network logs no warning (Pixi textures freed only after the frame that used them)', async ({ page }) => {
  const warnings = collectWarnings(page);
  await page.goto('/');
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toContainText('Pause');
  // Each scenario has another network or neuron size, so every graph replaces its shape textures.
  for (const id of ['high-lr', 'bad-init', 'deep-narrow']) {
    await page.getByTestId(`scenario-${id}`).click();
    await expect(page.getByTestId('lane-0')).toBeVisible();
    await page.waitForTimeout(1500);
  }
  expect(warnings).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { collectErrors, readInt } from './helpers';

test('the app loads under its CSP with both lanes and no console errors', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("object-src 'none'");
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await expect(page.getByTestId('lane-1')).toBeVisible();
  await expect(page.getByTestId('graph-0').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('graph-1').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('activation-0')).toHaveValue('relu');
  await expect(page.getByTestId('activation-1')).toHaveValue('leaky_relu');
  // 2-16-16-2: 32 hidden neurons per lane, each with a labelled overlay.
  await expect(page.locator('button.neuron[data-lane="0"]')).toHaveCount(32);
  await expect(page.locator('button.neuron[data-lane="1"]')).toHaveCount(32);
  await expect(page.locator('button.neuron[data-lane="0"]').first()).toHaveAttribute('aria-label', /^Lane ReLU, layer 1, neuron 1: /);
  // The new panels: uPlot charts (their CSS comes from the bundle: no CSP violation may be logged),
  // the activation panels and the data panel.
  for (const id of ['chart-loss', 'chart-accuracy', 'chart-dead', 'chart-revivals']) await expect(page.getByTestId(id).locator('canvas')).toBeVisible();
  await expect(page.getByTestId('activation-panel-0').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('data-canvas')).toBeVisible();
  await page.getByTestId('step-100').click();
  await expect(page.getByTestId('step-0')).toHaveText('100');
  expect(errors).toEqual([]);
});

test('keyboard shortcuts and validated inputs', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.locator('body').press('ArrowRight');
  await expect(page.getByTestId('step-0')).toHaveText('1');
  await page.locator('body').press('Space');
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  await page.locator('body').press('Space');
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  expect(await readInt(page, 'step-0')).toBeGreaterThan(1);
  await page.locator('body').press('r');
  await expect(page.getByTestId('step-0')).toHaveText('0');

  // Invalid values are refused in place, with a hint, and never reach the engine.
  const lr = page.getByTestId('lr-1');
  await lr.fill('0');
  await lr.press('Enter');
  await expect(page.getByTestId('lr-hint-1')).toContainText('above 0');
  await expect(lr).toHaveAttribute('aria-invalid', 'true');
  await lr.fill('250');
  await expect(page.getByTestId('lr-hint-1')).toContainText('at most 100');
  const alpha = page.getByTestId('alpha-1');
  await alpha.fill('1.5');
  await alpha.press('Enter');
  await expect(page.getByTestId('alpha-hint-1')).toContainText('between 0 and 1');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('Leaky ReLU α=0.01');
  await alpha.fill('0.2');
  await alpha.press('Enter');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('Leaky ReLU α=0.2');
  // Picking an activation alone hot-swaps at once; ReLU has no alpha to edit.
  // "PReLU" is nn.PReLU() (one α per layer); "PReLU per neuron" the other; both say α gets no decay.
  await page.getByTestId('activation-1').selectOption('prelu');
  await expect(page.getByTestId('lane-1').locator('h2 .activation')).toHaveText('PReLU (learned α)');
  await expect(page.getByTestId('activation-1')).toHaveAttribute('title', /nn\.PReLU\(\).*Weight decay on PReLU α: none/);
  await page.getByTestId('activation-1').selectOption('prelu_per_neuron');
  await expect(page.getByTestId('lane-1').locator('h2 .activation')).toHaveText('PReLU (learned α per neuron)');
  await expect(page.getByTestId('alpha-hint-1')).toContainText('learned per neuron');
  // The optimizer's tooltip says which of its defaults are not PyTorch's.
  await expect(page.getByTestId('session-optimizer')).toHaveAttribute('title', /SGD momentum: 0\.9.*torch\.optim\.SGD has momentum=0/);
  await page.getByTestId('activation-1').selectOption('relu');
  await expect(page.getByTestId('lane-1').locator('h2 .activation')).toHaveText('ReLU');
  await expect(alpha).toBeDisabled();
  expect(errors).toEqual([]);
});

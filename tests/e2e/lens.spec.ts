import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { firingWithShift } from '../../src/core/engine/bias-what-if';
import { neuronLedger } from '../../src/core/engine/neuron-ledger';
import { Session } from '../../src/core/engine/session';
import type { Experiment } from '../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../src/core/protocol/spec';
import { trainPointPosition } from '../../src/renderer/charts/point-hit';
import { formatInt } from '../../src/renderer/state/format';
import { formatLens, formatLensShare } from '../../src/renderer/state/lens-format';
import { collectErrors, download, snapElement, step100 } from './helpers';

// The neuron lens shows the engine's own numbers: this test computes them again with the core run in
// Node (the same bits as the browser's worker: determinism.spec.ts) and compares the text on screen,
// digit for digit as the lens prints them.

/** The text of a test id, trimmed. */
async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

test('the neuron lens: engine-measured gradient and ledger, a hovered point’s z, the what-if bias shift, and α as a recorded hot-swap', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  // Tall enough for the whole lens to show in the lane's details (the screenshots are looked at).
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  // A neuron of lane 0 (ReLU), layer 1, with rows on both sides of z = 0 at step 100.
  const plain = new Session(defaultSessionSpec());
  for (let i = 0; i < 100; i++) plain.stepAll();
  const activity = plain.snapshot(1, false, 0).lanes[0]!.activity;
  const neuron = Array.from(activity.subarray(0, 16)).findIndex((a) => a > 0.25 && a < 0.75);
  expect(neuron).toBeGreaterThanOrEqual(0);
  const target = { lane: 0, neuron };
  await page.locator(`button.neuron[data-lane="0"][data-layer="1"][data-neuron="${neuron + 1}"]`).click();
  const lens = page.getByTestId('lens');
  await expect(lens).toBeVisible();
  // Nothing was trained since it was chosen: no gradient to show yet, and the ledger waits for one.
  await expect(page.getByTestId('lens-no-step')).toBeVisible();
  await expect(page.getByTestId('lens-ledger-0-gradient')).toHaveText('–');
  await step100(page);
  await expect(page.getByTestId('lens-step')).toHaveText('100');

  // The same experiment in Node.
  const session = new Session(defaultSessionSpec());
  session.inspect(target);
  for (let i = 0; i < 100; i++) session.stepAll();
  const node = session.snapshot(1, false, 0).inspected!;
  const g = node.gradient!;
  testInfo.annotations.push({ type: 'engine', description: JSON.stringify(g) });
  expect(g.step).toBe(100);
  await expect(page.getByTestId('lens-slope')).toHaveText(formatLens(g.slope));
  await expect(page.getByTestId('lens-gradient')).toHaveText(formatLens(g.gradient));
  await expect(page.getByTestId('lens-upstream')).toHaveText(formatLens(g.upstream));
  await expect(page.getByTestId('lens-dropped')).toHaveText(formatLensShare(g.reluDropped));
  for (let i = 0; i < 6; i++) {
    await expect(page.getByTestId(`lens-ledger-${i}-f`)).toHaveText(formatLens(node.ledger.f[i]!));
    await expect(page.getByTestId(`lens-ledger-${i}-slope`)).toHaveText(formatLens(node.ledger.slope[i]!));
    await expect(page.getByTestId(`lens-ledger-${i}-gradient`)).toHaveText(formatLens(node.ledger.gradient[i]!));
  }
  // ReLU's ledger: nothing passes at z <= 0, upstream x 1 above.
  expect(await text(page, 'lens-ledger-1-gradient')).toBe('0');
  await expect(page.getByTestId('lens-firing')).toHaveText(formatInt(firingWithShift(node.probeZ, 0)));

  // Hovering a training point in the data panel marks its z: the engine's z of that probe row.
  const canvas = page.getByTestId('data-canvas');
  const box = (await canvas.boundingBox())!;
  const at = trainPointPosition(session.frame().boundaryFrame!, session.dataView(), box.width, box.height, 17)!;
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await expect(canvas).not.toHaveAttribute('data-hovered', '');
  const row = Number(await canvas.getAttribute('data-hovered'));
  const z = node.probeZ[row]!;
  const one = neuronLedger({ kind: 'relu' }, 0, g.upstream, [z]);
  await expect(page.getByTestId('lens-hover-z')).toHaveText(formatLens(z));
  await expect(page.getByTestId('lens-hover-f')).toHaveText(formatLens(one.f[0]!));
  await page.getByTestId('lens').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await snapElement(page.getByTestId('lane-details-0'), testInfo, 'lens-hovered');
  await page.mouse.move(box.x + box.width + 40, box.y + box.height + 40);
  await expect(page.getByTestId('lens-firing')).toBeVisible();

  // The what-if bias shift counts the probe rows that would fire; training is untouched.
  await page.getByTestId('lens-shift').fill('1');
  await expect(page.getByTestId('lens-shift-firing')).toHaveText(formatInt(firingWithShift(node.probeZ, 1)));
  await page.getByTestId('lens-shift').fill('-0.5');
  await expect(page.getByTestId('lens-shift-firing')).toHaveText(formatInt(firingWithShift(node.probeZ, -0.5)));
  // Out of range: refused in place (the text stays, the count is not shown, the slider keeps -0.5).
  await page.getByTestId('lens-shift').fill('3');
  await expect(page.getByTestId('lens-shift')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('lens-shift-hint')).toHaveText('The bias shift must be between -2 and 2; not applied.');
  await expect(page.getByTestId('lens-shift')).toHaveValue('3');
  await expect(page.getByTestId('lens-shift-slider')).toHaveValue('-0.5');
  await expect(page.getByTestId('lens-shift-firing')).toHaveCount(0);
  await expect(page.getByTestId('step-0')).toHaveText('100');

  // α typed out of range: refused in place, nothing swapped.
  await page.getByTestId('lens-alpha').fill('0.5');
  await page.getByTestId('lens-alpha').press('Enter');
  await expect(page.getByTestId('lens-alpha')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('lens-alpha-hint')).toHaveText('α must be between 0 and 0.3; not applied.');
  await expect(page.getByTestId('lens-alpha')).toHaveValue('0.5');
  await page.waitForTimeout(800);
  await expect(page.getByTestId('lane-0').locator('h2')).not.toContainText('Leaky');

  // One drag of the α slider is one hot-swap, recorded by the engine.
  const slider = page.getByTestId('lens-alpha-slider');
  const s = (await slider.boundingBox())!;
  await page.mouse.move(s.x + 2, s.y + s.height / 2);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(s.x + 2 + (k * (s.width - 4)) / 16, s.y + s.height / 2);
  await page.mouse.up();
  const alpha = Number(await page.getByTestId('lens-alpha').inputValue());
  expect(alpha).toBeGreaterThan(0.05);
  expect(alpha).toBeLessThan(0.25);
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText(`Leaky ReLU α=${alpha}`);
  await expect(page.getByTestId('lens-alpha')).not.toHaveAttribute('aria-invalid', 'true');
  // The ledger follows the new activation: α at z = -1.
  await expect(page.getByTestId('lens-ledger-1-slope')).toHaveText(formatLens(Math.fround(alpha)));
  const saved = await download(page, 'save-experiment', 'lens-swap.leaky.json');
  const experiment = JSON.parse(readFileSync(saved.path, 'utf8')) as Experiment;
  const swaps = experiment.events.filter((e) => e.type === 'activation');
  expect(swaps).toEqual([{ type: 'activation', step: 100, lane: 0, activation: { kind: 'leaky_relu', alpha } }]);

  // At full speed (Max) the lens follows training.
  await page.getByTestId('speed-max').click();
  await expect(page.getByTestId('speed')).toHaveValue('max');
  await page.getByTestId('play-pause').click();
  await expect.poll(async () => Number((await text(page, 'lens-step')).replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(20_000);
  await expect(page.getByTestId('lens-dropped')).not.toHaveText('–');
  // The lane's details scroll: one picture with the plot and read-outs, one with the sliders and ledger.
  for (const [id, name] of [['lens', 'lens-full-speed-plot'], ['lens-ledger', 'lens-full-speed-ledger']] as const) {
    await page.getByTestId(id).evaluate((e, block) => e.scrollIntoView({ block }), (id === 'lens' ? 'start' : 'end') as ScrollLogicalPosition);
    await snapElement(page.getByTestId('lane-details-0'), testInfo, name);
  }
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  expect(errors).toEqual([]);
});

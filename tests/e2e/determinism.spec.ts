import { expect, test } from '@playwright/test';
import { Session } from '../../src/core/engine/session';
import { digestFloat32 } from '../../src/core/math/digest';
import { defaultSessionSpec } from '../../src/core/protocol/spec';
import { step100 } from './helpers';

// The same experiment must give the same bits in the browser's Web Worker as in Node: the page shows a
// fingerprint of every lane's weights, and this test recomputes it with the core run directly in Node.
// Data generation (Box-Muller: log, sin, cos), softmax (exp, log) and GELU (erf: exp) all run on the
// deterministic functions of src/core/math/dmath.ts; Math.exp itself differs between Node 20 and
// Chromium in the last bit for about 10% of inputs.
test('the browser computes bit-identical weights to Node, across hot-swaps to GELU and PReLU', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await step100(page);
  await page.getByTestId('activation-0').selectOption('gelu');
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('GELU');
  await step100(page);
  await page.getByTestId('activation-1').selectOption('prelu');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('PReLU');
  await step100(page);
  const shown = [await page.getByTestId('digest-0').textContent(), await page.getByTestId('digest-1').textContent()];

  const session = new Session(defaultSessionSpec());
  for (let i = 0; i < 100; i++) session.stepAll();
  session.setActivation(0, { kind: 'gelu', approximate: 'none' });
  for (let i = 0; i < 100; i++) session.stepAll();
  // "PReLU" is nn.PReLU(): one α per layer, starting from the slope in force (the engine averages it),
  // whatever the alpha field says.
  session.setActivation(1, { kind: 'prelu', alpha: 0.01, perNeuron: false });
  for (let i = 0; i < 100; i++) session.stepAll();
  const expected = session.lanes.map((l) => digestFloat32(l.mlp.params().map((p) => p.value)));

  expect(shown).toEqual(expected);
  expect(expected[0]).not.toBe(expected[1]);
});

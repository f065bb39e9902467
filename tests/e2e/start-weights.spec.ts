// Import from PyTorch (issue 16, item 3): a state_dict that Debian's PyTorch saved
// (scripts/fixtures/make_state_dict_fixtures.py) opens as lanes' starting weights; the lanes then hold
// exactly the bits a session in Node starts from; a file that is no MLP, and weights that do not fit
// the dataset, are refused with the reader's and the engine's messages while the session goes on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { Session } from '../../src/core/engine/session';
import { withStartWeights } from '../../src/core/engine/start-weights';
import { readWeightsFile } from '../../src/core/import/read-weights';
import { defaultSessionSpec } from '../../src/core/protocol/spec';
import { collectErrors, snap, step100 } from './helpers';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/state-dicts/${name}`, import.meta.url));

/** The fingerprints of the default session's lanes after `steps` steps when `lane` starts from mlp.pt, computed here in Node. */
function expected(lane: number | 'all', steps: number): string[] {
  const r = readWeightsFile(new Uint8Array(readFileSync(fixture('mlp.pt'))), 'mlp.pt');
  if (!r.ok) throw new Error(r.message);
  const s = new Session(withStartWeights(defaultSessionSpec(), r.mlp, lane));
  for (let i = 0; i < steps; i++) s.stepAll();
  return s.digests();
}

test('a PyTorch state_dict starts a lane: the same bits as in Node, shown on the lane, refusals in place', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('digest-0')).toBeVisible();

  // A file that is not an MLP's weights: the reader's message, naming the tensor; nothing else changes.
  const before = await page.getByTestId('digest-0').textContent();
  await page.getByTestId('open-weights-input').setInputFiles(fixture('batchnorm.pt'));
  await expect(page.getByTestId('weights-error')).toContainText("batchnorm.pt: tensor '1.weight' belongs to module '1', a batch normalization layer");
  await page.getByTestId('weights-dismiss').click();
  await expect(page.getByTestId('weights-error')).toHaveCount(0);

  // Weights for another network (3 inputs; moons has 2): the engine refuses, naming both shapes; the session stays.
  await page.getByTestId('open-weights-input').setInputFiles(fixture('prelu.pt'));
  await expect(page.getByTestId('weights-notes')).toContainText('3-4-5-2 network: 3 Linear layers');
  await expect(page.getByTestId('weights-notes')).toContainText("its PReLU slopes (hidden layer 1: α 0.125; hidden layer 2: 5 slopes, 0 to 0.5) are where PReLU lanes start");
  await page.getByTestId('weights-start').click();
  await expect(page.getByTestId('weights-error')).toContainText("The starting weights from prelu.pt are for a 3-4-5-2 network, but this session's network is 2-4-5-2: their first layer '0.weight' takes 3 inputs and the dataset has 2 features");
  await expect(page.getByTestId('digest-0')).toHaveText(before!);
  await page.getByTestId('weights-cancel').click();

  // mlp.pt into lane 0 only: lane 0 holds the file's weights, lane 1 its own draw, from step 0.
  await page.getByTestId('open-weights-input').setInputFiles(fixture('mlp.pt'));
  await expect(page.getByTestId('weights-notes')).toContainText("2-16-16-2 network: 3 Linear layers ('0.weight', '2.weight', '4.weight')");
  await page.getByTestId('weights-lane').selectOption({ label: 'lane ReLU' });
  await page.getByTestId('weights-start').click();
  await expect(page.getByTestId('weights-card')).toHaveCount(0);
  await expect(page.getByTestId('lane-start-0')).toHaveText(/Started from the weights of mlp\.pt/);
  await expect(page.getByTestId('lane-start-1')).toHaveCount(0);
  await expect(page.getByTestId('file-status')).toHaveText('From step 0: lane ReLU starts from the weights of mlp.pt (2-16-16-2).');
  const want0 = expected(0, 0);
  await expect(page.getByTestId('digest-0')).toHaveText(want0[0]!);
  await expect(page.getByTestId('digest-1')).toHaveText(want0[1]!);
  await step100(page);
  const want100 = expected(0, 100);
  await expect(page.getByTestId('digest-0')).toHaveText(want100[0]!);
  await expect(page.getByTestId('digest-1')).toHaveText(want100[1]!);
  await snap(page, testInfo, 'start-weights');

  // Back to the init's draw for lane 0: the default session's weights again.
  await page.getByTestId('lane-start-forget-0').click();
  await expect(page.getByTestId('lane-start-0')).toHaveCount(0);
  const plain = new Session(defaultSessionSpec()).digests();
  await expect(page.getByTestId('digest-0')).toHaveText(plain[0]!);
  expect(errors).toEqual([]);
});

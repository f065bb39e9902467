import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, download, step100 } from './helpers';

// PyTorch (Debian's python3-torch, or any torch 2.x) runs the downloaded script when it is installed.
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0) ?? null;

test("Export as PyTorch script downloads a script that replays the session's steps and agrees with the app's metrics CSV", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await step100(page);
  const script = await download(page, 'export-torch', 'run.py');
  expect(script.name).toBe('leaky-lab-experiment.py');
  const text = readFileSync(script.path, 'utf8');
  expect(text).toMatch(/^#!\/usr\/bin\/env python3\n"""Leaky Lab experiment saved by the app at step 100 as a PyTorch script: 100 steps of 2 lane\(s\) on Two moons\./);
  expect(text).toContain('STEPS = 100\n');
  expect(text).toContain('SIDECAR = None\n');
  await expect(page.getByTestId('file-status')).toContainText('Saved leaky-lab-experiment.py (100 steps)');
  const csv = await download(page, 'export-csv', 'metrics.csv');
  if (python === null) {
    test.info().annotations.push({ type: 'skipped part', description: 'no python3 with torch here: the downloaded script was not run' });
    console.error('*** export-torch.spec.ts: no python3 with torch here; the downloaded script was NOT run ***');
  } else {
    const r = spawnSync(python, ['-W', 'error', script.path, '--check', csv.path, '--every', '1000'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/lane 0 'ReLU': largest \|loss difference\| .* over 10 steps: ok; relative to losses above 1: .*; largest \|dead or inactive % difference\| 0 over 11 probes/);
    expect(r.stdout).toMatch(/lane 1 'Leaky ReLU': largest \|loss difference\| .* over 10 steps: ok/);
  }
  expect(errors).toEqual([]);
});

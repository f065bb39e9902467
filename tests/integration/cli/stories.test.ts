import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimValue } from '../../../src/core/engine/claim-check';
import { scenarios } from '../../../src/core/engine/scenarios';
import { Session } from '../../../src/core/engine/session';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';

// The real CLI bundle as a separate process, its seeds on real worker threads.
let bundle: CliBundle;
let dir = '';

beforeAll(async () => {
  bundle = await buildCli('leaky-lab-stories-');
  dir = bundle.dir;
});

const leakyLab = (...args: string[]) => bundle.run(...args);

/** The default story as a file, with other claims. */
function storyFile(name: string, claims: unknown[], horizon = 2000): string {
  const sc = scenarios()[0]!;
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ ...sc.experiment, claims, horizon }));
  return path;
}

describe('leaky-lab stories', () => {
  it('runs stories on worker threads and prints one row per claim with the seeds it held for', () => {
    const json = join(dir, 'verdicts.json');
    const r = leakyLab('stories', '--only', 'default', '--seeds', '2', '--horizon', '20000', '--workers', '2', '--json', json);
    expect(r.err).toContain('runs on 2 worker(s)');
    expect(r.code, r.err).toBe(0);
    for (const c of scenarios()[0]!.claims) expect(r.out).toContain(c.text);
    expect(r.out).toContain('**2 of 2** seeds');
    expect(r.out).toContain('not reached (beyond step 20,000)');
    const saved = JSON.parse(readFileSync(json, 'utf8')) as { outcomes: { id: string; seedsHeld: number }[] };
    expect(saved.outcomes).toMatchObject([{ id: 'default', seedsHeld: 2 }]);
  });

  it('exits 1 naming the seed and step when a story holds for too few seeds', () => {
    const path = storyFile('impossible.json', [{ text: 'ReLU: every neuron dead at step 1,000', lane: 0, quantity: 'dead', layer: null, op: 'atLeast', value: 100, when: { at: 1000 } }]);
    const r = leakyLab('stories', path, '--seeds', '2');
    expect(r.code).toBe(1);
    expect(r.out).toContain('| | ReLU: every neuron dead at step 1,000 | 0 of 2 | seed 1, step 1,000');
    expect(r.err).toMatch(/held for 0 of 2 seeds .*first failed for seed 1 at step 1000/);
  });

  it('meets the bar with one failing seed in ten, but not with --strict', () => {
    // Born-dead shares at step 0 differ by seed: a bound between the lowest two fails exactly one seed.
    const sc = scenarios()[0]!;
    const shares = Array.from({ length: 10 }, (_, s) => claimValue(new Session({ ...sc.experiment.spec, seed: s + 1 }).metrics()[0]!, 'dead', null));
    const sorted = [...shares].sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(sorted[1]!);
    const worst = shares.indexOf(sorted[0]!) + 1;
    const path = storyFile('bar.json', [{ text: 'ReLU: some neurons born dead', lane: 0, quantity: 'dead', layer: null, op: 'atLeast', value: (sorted[0]! + sorted[1]!) / 2, when: { at: 0 } }]);
    const loose = leakyLab('stories', path, '--seeds', '10');
    expect(loose.code, loose.err).toBe(0);
    expect(loose.out).toContain(`| 9 of 10 | seed ${worst}, step 0`);
    const strict = leakyLab('stories', path, '--seeds', '10', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(`first failed for seed ${worst} at step 0`);
  });

  it('refuses a story file whose claim the engine cannot evaluate, naming the field', () => {
    const path = storyFile('bad.json', [{ text: 'layer 7', lane: 0, quantity: 'dead', layer: 7, op: 'atLeast', value: 1, when: { at: 10 } }]);
    const r = leakyLab('stories', path);
    expect(r.code).toBe(1);
    expect(r.err).toContain('field "claims.0.layer"');
    expect(r.err).toContain('bad.json');
    const none = leakyLab('stories', storyFile('none.json', []));
    expect(none.err).toContain('field "claims" is missing or empty');
  });

  it('says what is wrong with its flags', () => {
    expect(leakyLab('stories', '--seeds', '0').err).toContain('--seeds must be a whole number from 1 to 1000');
    expect(leakyLab('stories', '--only', 'nope').err).toContain('there is no story "nope"');
  });
});

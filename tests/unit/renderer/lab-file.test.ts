// Opening a sweep file in the Lab (issue 13, item 2, "Bad input"): a good file comes back with its
// results; a truncated file, a wrong field, an oversized file or a user file not open in the explorer is
// refused with a message naming the file and what to do.
import { describe, expect, it } from 'vitest';
import { serializeSweep } from '../../../src/core/lab/sweep-file';
import { doesItMatter } from '../../../src/core/lab/studies';
import { SWEEP_MAX_BYTES } from '../../../src/core/protocol/sweep';
import { readSweepFile, sweepFileName } from '../../../src/renderer/state/sweep-file';

const file = (text: string, name = 'mine.sweep.json') => new File([text], name, { type: 'application/json' });

describe('opening a sweep file', () => {
  it('reads a saved sweep', async () => {
    const r = await readSweepFile(file(serializeSweep(doesItMatter())), () => false);
    expect(r.ok && r.value.axes.map((a) => a.axis)).toEqual(['activation', 'lr']);
  });

  it('refuses a truncated file, naming it', async () => {
    const r = await readSweepFile(file('{"format": "leaky-lab-sweep", "axes": ['), () => false);
    expect(!r.ok && r.message).toMatch(/^mine\.sweep\.json is not valid JSON/);
  });

  it('refuses a bad field with parseSweep\'s message', async () => {
    const bad = JSON.parse(serializeSweep(doesItMatter())) as { steps: number };
    bad.steps = 15;
    const r = await readSweepFile(file(JSON.stringify(bad)), () => false);
    expect(!r.ok && r.message).toMatch(/mine\.sweep\.json: field "steps" is invalid: must be a multiple of 10/);
  });

  it('refuses a file over the size limit without reading it', async () => {
    let read = false;
    const big = { name: 'huge.sweep.json', size: SWEEP_MAX_BYTES + 1, text: () => ((read = true), Promise.resolve('')) };
    const r = await readSweepFile(big, () => false);
    expect(!r.ok && r.message).toMatch(/^huge\.sweep\.json is 256 MB; sweep files are at most 256 MB\./);
    expect(read).toBe(false);
  });

  it('a sweep of a user file opens when that file is open in the explorer, else says how to run it', async () => {
    const s = doesItMatter();
    const sha = 'a'.repeat(64);
    const onFile = { ...s, base: { ...s.base, dataset: { kind: 'file', name: 'wine.csv', sha256: sha, bytes: 100, options: { target: 'class', task: 'classification', missing: 'drop', oneHotLimit: 20 } } } };
    const text = serializeSweep(onFile as typeof s);
    const refused = await readSweepFile(file(text), () => false);
    expect(!refused.ok && refused.message).toMatch(/sweeps your file wine\.csv, which is not open: open that file in the explorer .*npx leaky-lab sweep mine\.sweep\.json --data wine\.csv/);
    const asked: string[] = [];
    const opened = await readSweepFile(file(text), (h) => (asked.push(h), h === sha));
    expect(opened.ok).toBe(true);
    expect(asked).toEqual([sha]);
  });

  it('names the saved file after the sweep', () => {
    expect(sweepFileName(doesItMatter())).toBe('does-it-matter-relu-vs-leaky-relu-vs-prelu-by-learning-rate.sweep.json');
    expect(sweepFileName({ name: '***' })).toBe('sweep.sweep.json');
  });
});

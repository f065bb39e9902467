import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataOrder } from '../../../../src/core/engine/data-order';
import { Session } from '../../../../src/core/engine/session';
import { Rng, streamSeed } from '../../../../src/core/math/rng';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';

/** The worked example of docs/experiment-format.md ("Random streams"), line by line. */
const doc = readFileSync(new URL('../../../../docs/experiment-format.md', import.meta.url), 'utf8');
const example = doc.slice(doc.indexOf('**Worked example**'));
const line = (label: string): string[] => {
  const m = new RegExp(`^${label.replace(/[()]/g, '\\$&')}: (.*)$`, 'm').exec(example);
  if (m === null) throw new Error(`docs/experiment-format.md has no worked-example line "${label}: ..."`);
  return m[1]!.trim().split(/\s+/);
};
const hex = (w: number) => `0x${w.toString(16).padStart(8, '0')}`;

describe('the random streams as docs/experiment-format.md describes them', () => {
  it('gives the generator the documented state, draws and streams', () => {
    const r = new Rng(1);
    expect(r.saveState().slice(0, 4).map(hex)).toEqual(line('Rng(1) state words'));
    expect([r.nextU32(), r.nextU32(), r.nextU32()].map(hex)).toEqual(line('Rng(1) nextU32'));
    expect(new Rng(1).uniform()).toBe(Number(line('Rng(1) uniform')[0]));
    expect(new Rng(1).int(10)).toBe(Number(line('Rng(1) int(10)')[0]));
    expect(new Rng(1).normal()).toBe(Number(line('Rng(1) normal')[0]));
    const streams = line('streamSeed(7)');
    for (const name of ['data', 'split', 'init', 'order', 'noise'] as const) expect(streams[streams.indexOf(name) + 1]).toBe(hex(streamSeed(7, name)));
  });

  it('matches a from-the-text reimplementation of splitmix32 seeding and xoshiro128**', () => {
    // Written from the doc's formulas with BigInt-free 32-bit arithmetic, independent of rng.ts.
    const mul = (a: number, b: number) => Math.imul(a, b) >>> 0;
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    let x = 12345;
    const s: number[] = [];
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = mul(z ^ (z >>> 16), 0x85ebca6b);
      z = mul(z ^ (z >>> 13), 0xc2b2ae35);
      s.push((z ^ (z >>> 16)) >>> 0);
    }
    const r = new Rng(12345);
    for (let k = 0; k < 1000; k++) {
      const result = mul(rotl(mul(s[1]!, 5), 7), 9);
      const t = (s[1]! << 9) >>> 0;
      s[2] = (s[2]! ^ s[0]!) >>> 0;
      s[3] = (s[3]! ^ s[1]!) >>> 0;
      s[1] = (s[1]! ^ s[2]!) >>> 0;
      s[0] = (s[0]! ^ s[3]!) >>> 0;
      s[2] = (s[2]! ^ t) >>> 0;
      s[3] = rotl(s[3]!, 11);
      expect(r.nextU32()).toBe(result);
    }
  });

  it('draws the documented first batch, initial weights and training row of the default session', () => {
    const spec = defaultSessionSpec();
    const session = new Session(spec);
    const order = new DataOrder(session.train.rows, spec.seed);
    expect(Array.from({ length: spec.batchSize }, () => String(order.next()))).toEqual(line('default session, first batch'));
    const w = session.lanes[0]!.mlp.layers[0]!.weight;
    expect([w[0]!, w[1]!].map(String)).toEqual(line('default session, W1 row 0'));
    const row = line('default session, first training row');
    expect([session.train.x[0]!, session.train.x[1]!].map(String)).toEqual(row.slice(0, 2));
    expect(String(session.train.y[0])).toBe(row[3]);
  });

  it('reshuffles the order in place when it is used up, also in the middle of a batch, as the session trains on it', () => {
    // Batches of 300 over 800 rows: step 3 crosses the epoch boundary. The session's own order (its
    // saved state) must be what DataOrder draws, row for row.
    const spec = { ...defaultSessionSpec(), batchSize: 300, lanes: defaultSessionSpec().lanes.slice(0, 1) };
    const session = new Session(spec);
    const order = new DataOrder(session.train.rows, spec.seed);
    const drawn = Array.from({ length: 4 * 300 }, () => order.next());
    const rng = new Rng(streamSeed(spec.seed, 'order'));
    const perm = Uint32Array.from({ length: 800 }, (_, i) => i);
    rng.shuffle(perm);
    expect(drawn.slice(0, 800)).toEqual(Array.from(perm));
    rng.shuffle(perm);
    expect(drawn.slice(800)).toEqual(Array.from(perm.subarray(0, 400)));
    for (let step = 1; step <= 4; step++) {
      session.stepAll();
      const s = session.saveState();
      const taken = step * 300;
      expect(s.epoch).toBe(Math.floor((taken - 1) / 800));
      expect(s.cursor).toBe(taken - 800 * s.epoch);
      expect(Array.from(s.order.subarray(0, s.cursor))).toEqual(drawn.slice(800 * s.epoch, taken));
    }
  });

  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'pass'], { encoding: 'utf8' }).status === 0) ?? null;
  if (python === null) console.error('\n*** rng-doc.test.ts: SKIPPED the Python reimplementation of the batch order: no python3 here ***\n');
  it.skipIf(python === null)('is enough to redo the batch order in Python (tests/fixtures/python/order_stream.py), epoch boundaries included', () => {
    // 800 training rows in batches of 48: epochs end in the middle of steps 17, 34, ...
    const script = fileURLToPath(new URL('../../../fixtures/python/order_stream.py', import.meta.url));
    const r = spawnSync(python!, [script, '7', '800', '48', '60'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const order = new DataOrder(800, 7);
    const expected = Array.from({ length: 60 }, () => Array.from({ length: 48 }, () => order.next()).join(' '));
    expect(r.stdout.trim().split('\n')).toEqual(expected);
  });
});

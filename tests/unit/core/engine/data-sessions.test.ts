import { describe, expect, it } from 'vitest';
import { makeBundled } from '../../../../src/core/data/bundled/bundled';
import type { Dataset } from '../../../../src/core/data/dataset';
import { embedDataset } from '../../../../src/core/engine/dataset-codec';
import { DatasetNotFoundError, Session } from '../../../../src/core/engine/session';
import { defaultSessionSpec, type SessionSpec } from '../../../../src/core/protocol/spec';
import { engine } from './engine-harness';

const FILE_REF = { kind: 'file', name: 'iris-copy.csv', sha256: 'a'.repeat(64), bytes: 4551, options: { target: 'species', task: 'classification', missing: 'drop', oneHotLimit: 16 } } as const;

function spec(dataset: SessionSpec['dataset'], patch: Partial<SessionSpec> = {}): SessionSpec {
  return { ...defaultSessionSpec(), dataset, ...patch };
}

/** A payload as a host would send it: the dataset's arrays, copied (the engine keeps what it is given). */
function payload(d: Dataset) {
  return { ...d, x: d.x.slice(), y: d.y.slice(), t: d.t.slice(), featureNames: [...d.featureNames], classNames: [...d.classNames] };
}

describe('sessions on regression, bundled and user-file data', () => {
  it('fits a 1-D regression target with the mean squared error: the loss falls and R^2 rises', () => {
    const s = new Session(spec({ kind: 'sine', samples: 400, noise: 0.05 }, { lanes: defaultSessionSpec().lanes.map((l) => ({ ...l, lr: 0.05 })) }));
    expect(s.widths).toEqual([1, 16, 16, 1]);
    const first = s.snapshot(1, false, 0, null, true);
    for (let i = 0; i < 3000; i++) s.stepAll();
    const snap = s.snapshot(2, false, 0, null, true);
    expect(s.frame().boundaryFrame).toMatchObject({ dims: 1, size: 200 });
    expect(snap.lanes[1]!.boundary).toHaveLength(200);
    for (const [i, lane] of snap.lanes.entries()) {
      expect(lane.trainScore).toBeGreaterThan(0.9);
      expect(lane.trainScore).toBeGreaterThan(first.lanes[i]!.trainScore);
      expect(lane.loss).toBeLessThan(0.05);
    }
    const view = s.dataView();
    expect(view).toMatchObject({ task: 'regression', dims: 1, classes: 0, targetName: 'y' });
    expect(view.points!.trainT).toHaveLength(320);
  });

  it('splits a bundled dataset stratified and standardizes it with training statistics', () => {
    const s = new Session(spec({ kind: 'bundled', name: 'iris' }, { testFraction: 0.2 }));
    const counts = (y: Int32Array) => [0, 1, 2].map((c) => y.filter((v) => v === c).length);
    expect(counts(s.test.y)).toEqual([10, 10, 10]);
    const mean0 = s.train.x.filter((_, i) => i % 4 === 0).reduce((a, b) => a + b, 0) / s.train.rows;
    expect(Math.abs(mean0)).toBeLessThan(1e-6);
    for (let i = 0; i < 600; i++) s.stepAll();
    expect(s.metrics()[1]!.testScore).toBeGreaterThan(0.85);
  });

  it('refuses a user-file spec without its rows, naming the file', () => {
    expect(() => new Session(spec(FILE_REF))).toThrow(DatasetNotFoundError);
    expect(() => new Session(spec(FILE_REF))).toThrow(/iris-copy\.csv/);
  });

  it('trains on rows the host sends, embeds them on export, and a load of the file gives the same bits', () => {
    const e = engine();
    const rows = makeBundled('iris');
    e.send({ type: 'init', spec: spec(FILE_REF), data: payload(rows) });
    expect(e.errors()).toEqual([]);
    expect(e.ready().data).toMatchObject({ dims: 4, classes: 3, trainRows: 120 });
    // Same file, same options: a new spec (other layers) reuses the open rows without sending them again.
    e.send({ type: 'init', spec: spec(FILE_REF, { hidden: [8] }) });
    expect(e.errors()).toEqual([]);
    const s = e.send({ type: 'step', count: 200 });
    const x = e.exported();
    expect(x.data).toEqual(embedDataset(rows));
    const again = engine();
    expect(again.send({ type: 'load', experiment: JSON.parse(JSON.stringify(x)) }).digests).toEqual(s.digests);
  });

  it('says which dataset is missing when an experiment names a file it does not carry, and keeps the open session', () => {
    const e = engine();
    e.send({ type: 'init', spec: spec(FILE_REF), data: payload(makeBundled('iris')) });
    const x = e.exported();
    delete x.data;
    const other = engine();
    const before = other.send({ type: 'step', count: 5 });
    other.send({ type: 'load', experiment: x });
    expect(other.errors().at(-1)).toMatchObject({ field: 'spec.dataset' });
    expect(other.errors().at(-1)!.message).toMatch(/"iris-copy\.csv" was not found/);
    expect(other.send({ type: 'step', count: 1 }).lanes[0]!.step).toBe(before.lanes[0]!.step + 1);
  });

  it('refuses rows whose arrays do not match their header, naming the field', () => {
    const e = engine();
    const bad = { ...payload(makeBundled('iris')), rows: 151 };
    e.send({ type: 'init', spec: spec(FILE_REF), data: bad });
    expect(e.errors()).toHaveLength(1);
    expect(e.errors()[0]!.message).toMatch(/do not match/);
  });
});

import { describe, expect, it } from 'vitest';
import { makeBundled } from '../../../../src/core/data/bundled/bundled';
import { selectRows, type Dataset } from '../../../../src/core/data/dataset';
import { makeProbeCounts, probeScore } from '../../../../src/core/stats/probe';
import { defaultSessionSpec, type SessionSpec } from '../../../../src/core/protocol/spec';
import { summaryTable } from '../../../../src/cli/summary';
import { engine } from './engine-harness';

// Four iris rows (two of one class): at the default 20% split, floor(4 * 0.2) = 0 rows are held out.
const FOUR = selectRows(makeBundled('iris'), [0, 50, 100, 1], 'four.csv');
const FILE_REF = { kind: 'file', name: 'four.csv', sha256: 'b'.repeat(64), bytes: 120, options: { target: 'species', task: 'classification', missing: 'drop', oneHotLimit: 16 } } as const;

function payload(d: Dataset) {
  return { ...d, x: d.x.slice(), y: d.y.slice(), t: d.t.slice(), featureNames: [...d.featureNames], classNames: [...d.classNames] };
}
function spec(patch: Partial<SessionSpec> = {}): SessionSpec {
  return { ...defaultSessionSpec(), dataset: FILE_REF, ...patch };
}

describe('an empty test split is not measured', () => {
  it('probeScore is NaN without rows, for both tasks, and the plain ratio with rows', () => {
    const c = makeProbeCounts([4]);
    expect(probeScore(c, false)).toBeNaN();
    expect(probeScore(c, true)).toBeNaN();
    c.rows = 4;
    c.correct = 3;
    expect(probeScore(c, false)).toBe(0.75);
  });

  it('a 4-row file at a 20% split reports NaN test accuracy and loss (never 0), and the export writes null', () => {
    const e = engine();
    e.send({ type: 'init', spec: spec(), data: payload(FOUR) });
    expect(e.errors()).toEqual([]);
    expect(e.ready().data).toMatchObject({ trainRows: 4, testRows: 0 });
    const s = e.send({ type: 'step', count: 30 });
    for (const lane of s.lanes) {
      expect(lane.testScore).toBeNaN();
      expect(lane.testLoss).toBeNaN();
      expect(Number.isFinite(lane.trainScore)).toBe(true);
    }
    const history = JSON.parse(JSON.stringify(e.exported({ history: true }))) as { history: { lanes: { testScore: (number | null)[] }[] } };
    const series = history.history.lanes[0]!.testScore;
    expect(series.length).toBeGreaterThan(0);
    expect(series.every((v) => v === null)).toBe(true);
    // The CLI's end-of-run table shows a dash for the unmeasured test accuracy, the train accuracy as measured.
    const [header, , row] = summaryTable(s.lanes).split('\n');
    const cells = row!.trim().split(/\s{2,}/);
    const col = (name: string) => header!.trim().split(/\s{2,}/).indexOf(name);
    expect(cells[col('test acc')]).toBe('—');
    expect(cells[col('train acc')]).toMatch(/^\d+\.\d%$/);
  });

  it('the same file at a 50% split is measured: 2 test rows, a finite accuracy', () => {
    const e = engine();
    e.send({ type: 'init', spec: spec({ testFraction: 0.5 }), data: payload(FOUR) });
    expect(e.ready().data).toMatchObject({ trainRows: 2, testRows: 2 });
    const s = e.send({ type: 'step', count: 30 });
    for (const lane of s.lanes) expect(lane.testScore).toBeGreaterThanOrEqual(0);
  });
});

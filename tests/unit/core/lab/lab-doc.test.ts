import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultsByIndex } from '../../../../src/core/lab/sweep-file';
import { sweepCells, sweepRuns } from '../../../../src/core/lab/sweep-plan';
import { summarizeSweep } from '../../../../src/core/lab/sweep-summary';
import { sweepVerdict } from '../../../../src/core/lab/verdict';
import { parseSweep } from '../../../../src/core/protocol/sweep';

// docs/lab.md quotes the saved sweeps in docs/sweeps/lab: the numbers there must be what core computes
// from those files, so an edit of either shows up here.
const doc = readFileSync(new URL('../../../../docs/lab.md', import.meta.url), 'utf8').replace(/\n> /g, ' ').replace(/\s+/g, ' ');

function summary(file: string) {
  const parsed = parseSweep(readFileSync(new URL(`../../../../docs/sweeps/lab/${file}`, import.meta.url), 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.message);
  const sweep = parsed.value;
  const cells = sweepCells(sweep);
  const results = resultsByIndex(sweep, sweepRuns(sweep).length);
  return { sweep, cells, results, summaries: summarizeSweep(cells, results) };
}

const pct = (e: { mean: number; low: number; high: number }) => `${(100 * e.mean).toFixed(1)} [${(100 * e.low).toFixed(1)}, ${(100 * e.high).toFixed(1)}]`;

describe('docs/lab.md against the saved sweeps', () => {
  it.each(['does-it-matter.sweep.json', 'does-it-matter-100k.sweep.json'])('quotes every cell of %s and its verdict', (file) => {
    const { sweep, cells, results, summaries } = summary(file);
    expect(summaries).toHaveLength(16);
    for (const s of summaries) {
      expect(s.seeds.length).toBe(typeof sweep.seeds === 'number' ? sweep.seeds : sweep.seeds.length);
      expect(doc).toContain(pct(s.finalTestScore));
    }
    for (const c of sweepVerdict(sweep, cells, results, false)) expect(doc).toContain(c.sentence);
  });

  it('quotes every cell of the cures study and its verdicts', () => {
    const { sweep, cells, results, summaries } = summary('cures.sweep.json');
    expect(summaries).toHaveLength(14);
    const pp = (e: { mean: number; low: number; high: number }) => `${e.mean.toFixed(1)} [${e.low.toFixed(1)}, ${e.high.toFixed(1)}]`;
    for (const s of summaries) {
      expect(s.seeds).toHaveLength(10);
      expect(doc).toContain(`| ${s.labels.join(' | ')} | ${pct(s.finalTestScore)} | ${pp(s.deadPercent)} | ${pp(s.inactivePercent)} | ${s.reachedTarget.count}/${s.reachedTarget.n} |`);
    }
    expect(sweepVerdict(sweep, cells, results, false).length).toBe(6);
  });

  it('quotes the learned PReLU slopes of the saved prelu-slopes sweeps', () => {
    for (const file of ['prelu-slopes.sweep.json', 'prelu-slopes-50k.sweep.json']) {
      const { summaries } = summary(file);
      expect(summaries).toHaveLength(2);
      const perNeuron = summaries[0]!.slopePerLayer.map((e) => e.mean.toFixed(3));
      for (const slope of perNeuron) expect(doc).toContain(slope);
    }
  });

  it('quotes the collapse counts of the saved collapse summaries', () => {
    for (const file of ['collapse-abs.summary.csv', 'collapse-xsin5x.summary.csv']) {
      const [header, ...rows] = readFileSync(new URL(`../../../../docs/sweeps/lab/${file}`, import.meta.url), 'utf8').trim().split('\n');
      const col = header!.split(',').indexOf('collapsed_share');
      expect(col).toBeGreaterThan(0);
      expect(rows).toHaveLength(6);
      for (const row of rows) {
        const share = Number(row.split(',')[col]);
        expect(doc).toContain(` ${Math.round(share * 500)} | ${(100 * share).toFixed(1)}% [`);
      }
    }
  });
});

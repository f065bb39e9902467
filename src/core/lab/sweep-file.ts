import { SWEEP_FORMAT, SWEEP_VERSION, type StoredRunResult, type Sweep, sweepBasis } from '../protocol/sweep';
import type { RunResult } from './sweep-run';

/** The sweep with these finished runs as its results (in run order) and the fingerprint they were measured with. */
export function sweepWithResults(s: Sweep, results: readonly (RunResult | null)[]): Sweep {
  const done = results.filter((r): r is RunResult => r !== null).sort((a, b) => a.index - b.index);
  return { ...s, format: SWEEP_FORMAT, version: SWEEP_VERSION, results: done as StoredRunResult[], resultsBasis: sweepBasis(s) };
}

/** A sweep file's text: the definition indented for people, one line per result (NaN measures become null). */
export function serializeSweep(s: Sweep): string {
  const { results, ...definition } = s;
  const head = JSON.stringify({ ...definition, results: [] }, null, 2);
  if (results.length === 0) return `${head}\n`;
  const lines = results.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  // The results key is the last one written, so its occurrence is the last (a name cannot hold it unescaped).
  const at = head.lastIndexOf('"results": []');
  return `${head.slice(0, at)}"results": [\n${lines}\n  ]${head.slice(at + '"results": []'.length)}\n`;
}

/** The results a sweep file holds, placed at their run index (null where a run has not finished). */
export function resultsByIndex(s: Sweep, runs: number): (RunResult | null)[] {
  const out: (RunResult | null)[] = Array.from({ length: runs }, () => null);
  for (const r of s.results) out[r.index] = r;
  return out;
}

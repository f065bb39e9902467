import type { BornDeadRow } from './born-dead';

/** Header of the born-dead table's CSV: shares in [0, 1], the interval a 95% Wilson interval. */
export const BORN_DEAD_CSV_HEADER = 'width,depth,nets,born_dead,ci_low,ci_high';

/** A share with 8 significant digits at most (shortest form: 0.5, not 0.50000000). */
function share(x: number): string {
  return String(Number(x.toPrecision(8)));
}

/** The table as CSV, one line per row in the order given, with a final newline. */
export function bornDeadCsv(rows: readonly BornDeadRow[]): string {
  const lines = rows.map((r) => [r.width, r.depth, r.nets, share(r.bornDead), share(r.ciLow), share(r.ciHigh)].join(','));
  return `${[BORN_DEAD_CSV_HEADER, ...lines].join('\n')}\n`;
}

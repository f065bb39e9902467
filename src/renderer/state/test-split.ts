/**
 * What a train/test split means for a small dataset: the warning when it holds no test rows (test scores
 * are then not measured, shown as "—") and the splits the dataset preview offers instead.
 */
import { testRowCount } from '../../core/data/split';

/** A split the preview offers: the test fraction in [0, 0.9] and its button text. */
export interface SplitOffer {
  readonly testFraction: number;
  readonly label: string;
}

/** Largest test fraction a session spec accepts (spec.testFraction). */
const MAX_TEST_FRACTION = 0.9;

const percent = (f: number) => `${Math.round(f * 100)}%`;

/**
 * The warning for a split without test rows, e.g. "no test rows: 4 rows in the file, 20% split"; null
 * when the split holds at least one. `where` names where the rows are ("in the file", "in the dataset").
 */
export function noTestRowsWarning(rows: number, testFraction: number, where = 'in the file'): string | null {
  if (testRowCount(rows, testFraction) > 0) return null;
  const count = `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'} ${where}`;
  return testFraction === 0 ? `no test rows: ${count}, no test split (all train)` : `no test rows: ${count}, ${percent(testFraction)} split`;
}

/**
 * When `testFraction` holds no test rows of `rows`: the smallest whole percentage that holds one while
 * keeping a training row (when there is one), then no split at all (train on every row, test scores not
 * measured). Empty when the split already has test rows.
 */
export function splitOffers(rows: number, testFraction: number): SplitOffer[] {
  if (testRowCount(rows, testFraction) > 0) return [];
  const offers: SplitOffer[] = [];
  for (let pct = 1; pct <= MAX_TEST_FRACTION * 100; pct++) {
    const f = pct / 100;
    const test = testRowCount(rows, f);
    if (test === 0) continue;
    if (test < rows) offers.push({ testFraction: f, label: `Test on ${test} ${test === 1 ? 'row' : 'rows'} (${pct}% split)` });
    break;
  }
  if (testFraction !== 0) offers.push({ testFraction: 0, label: `No test split: train on ${rows === 1 ? 'the one row' : `all ${rows.toLocaleString('en-US')} rows`}` });
  return offers;
}

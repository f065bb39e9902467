import type { Dataset } from '../dataset';
import * as breastCancer from './breast_cancer.generated';
import * as digits from './digits.generated';
import * as iris from './iris.generated';
import * as wine from './wine.generated';

/** Names of the real datasets bundled with the app (the keys of src/core/protocol's BUNDLED_DATASETS). */
export type BundledName = 'iris' | 'wine' | 'breast_cancer' | 'digits';

/** The name each bundled dataset is shown under in the UI. */
export const BUNDLED_TITLES: Readonly<Record<BundledName, string>> = {
  iris: 'Iris',
  wine: 'Wine',
  breast_cancer: 'Breast cancer (Wisconsin diagnostic)',
  digits: 'Digits (8x8)',
};

/** What every generated module (scripts/fixtures/export_sklearn_datasets.py) exports besides its rows. */
interface Columns {
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  readonly targetName: string;
  readonly labels: string;
}

/** Base-17 pixel characters of digits.generated.ts: '0'-'9' are 0-9, 'a'-'g' are 10-16. */
function pixel(code: number): number {
  return code <= 57 ? code - 48 : code - 87;
}

/** Features of a generated module as float32, rows x dims row-major. */
function features(name: BundledName, rows: number, dims: number): Float32Array<ArrayBuffer> {
  if (name !== 'digits') return Float32Array.from({ breast_cancer: breastCancer, iris, wine }[name].x);
  const x = new Float32Array(rows * dims);
  digits.pixels.forEach((row, r) => {
    for (let c = 0; c < dims; c++) x[r * dims + c] = pixel(row.charCodeAt(c));
  });
  return x;
}

/**
 * One of the bundled real datasets (scikit-learn's copies of UCI datasets; sources and licences in
 * citations.ts), as a classification dataset in the CSV's row order. Fresh arrays on every call.
 */
export function makeBundled(name: BundledName): Dataset {
  const m: Columns = { breast_cancer: breastCancer, digits, iris, wine }[name];
  const rows = m.labels.length;
  const dims = m.featureNames.length;
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) y[i] = m.labels.charCodeAt(i) - 48;
  return {
    name: BUNDLED_TITLES[name],
    task: 'classification',
    rows,
    dims,
    classes: m.classNames.length,
    x: features(name, rows, dims),
    y,
    t: new Float32Array(0),
    featureNames: m.featureNames,
    classNames: m.classNames,
    targetName: m.targetName,
  };
}

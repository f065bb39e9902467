import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BundledName, makeBundled } from '../../../../src/core/data/bundled/bundled';
import { BUNDLED_CITATIONS } from '../../../../src/core/data/bundled/citations';

const root = new URL('../../../../', import.meta.url);

/** The exported CSV as header and rows of cells (the exporter writes no quoted cells). */
function csv(name: BundledName): { header: string[]; rows: string[][] } {
  const text = readFileSync(new URL(`data/bundled/${name}.csv`, root), 'utf8');
  expect(text).not.toContain('"');
  const [header, ...rows] = text.trimEnd().split('\n').map((l) => l.split(','));
  return { header: header!, rows };
}

// Counts as scikit-learn 1.2.1 reports them (load_*().data.shape, target_names).
const SHAPES: [BundledName, string, number, number, number][] = [
  ['iris', 'Iris', 150, 4, 3],
  ['wine', 'Wine', 178, 13, 3],
  ['breast_cancer', 'Breast cancer (Wisconsin diagnostic)', 569, 30, 2],
  ['digits', 'Digits (8x8)', 1797, 64, 10],
];

describe('bundled datasets', () => {
  it.each(SHAPES)('%s: rows, features and classes as in scikit-learn', (key, title, rows, dims, classes) => {
    const d = makeBundled(key);
    expect(d).toMatchObject({ name: title, task: 'classification', rows, dims, classes });
    expect(d.x.length).toBe(rows * dims);
    expect(d.y.length).toBe(rows);
    expect(d.t.length).toBe(0);
    expect(d.featureNames.length).toBe(dims);
    expect(d.classNames.length).toBe(classes);
    expect(d.x.every(Number.isFinite)).toBe(true);
    for (let c = 0; c < classes; c++) expect(d.y.includes(c)).toBe(true);
    expect(d.y.every((v) => v >= 0 && v < classes)).toBe(true);
    const citation = BUNDLED_CITATIONS.find((b) => b.key === key)!;
    expect(citation).toMatchObject({ title, rows, features: dims, classes });
  });

  it.each(SHAPES)('%s: the generated module agrees with the CSV row by row', (key) => {
    const d = makeBundled(key);
    const { header, rows } = csv(key);
    expect(header).toEqual([...d.featureNames, d.targetName]);
    expect(rows.length).toBe(d.rows);
    rows.forEach((cells, r) => {
      expect(cells.length).toBe(d.dims + 1);
      const x = Float32Array.from(cells.slice(0, d.dims).map(Number));
      expect(d.x.subarray(r * d.dims, (r + 1) * d.dims)).toEqual(x);
      expect(d.classNames[d.y[r]!]).toBe(cells[d.dims]);
    });
  });

  it('exact values and class names as in scikit-learn', () => {
    const iris = makeBundled('iris');
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.targetName).toBe('species');
    // Fisher's paper (and scikit-learn) differ from the UCI file in rows 35 and 38 (1-based).
    expect(Array.from(iris.x.subarray(34 * 4, 35 * 4))).toEqual([4.9, 3.1, 1.5, 0.2].map(Math.fround));
    expect(Array.from(iris.x.subarray(37 * 4, 38 * 4))).toEqual([4.9, 3.6, 1.4, 0.1].map(Math.fround));
    const wine = makeBundled('wine');
    expect(wine.x[12]).toBe(1065);
    expect(wine.featureNames[12]).toBe('proline');
    const cancer = makeBundled('breast_cancer');
    expect(cancer.classNames).toEqual(['malignant', 'benign']);
    expect(cancer.x[9]).toBe(Math.fround(0.07871));
    expect(Array.from(cancer.y).filter((v) => v === 0).length).toBe(212);
    const digits = makeBundled('digits');
    expect(Array.from(digits.x.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(Math.max(...digits.x)).toBe(16);
    expect(Array.from(digits.y.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives fresh arrays on every call', () => {
    const a = makeBundled('iris');
    a.x[0] = 99;
    expect(makeBundled('iris').x[0]).toBe(Math.fround(5.1));
  });

  it('every citation names its UCI page, a DOI and the CC BY 4.0 licence', () => {
    expect(BUNDLED_CITATIONS.map((c) => c.key)).toEqual(['iris', 'wine', 'breast_cancer', 'digits']);
    for (const c of BUNDLED_CITATIONS) {
      expect(c.source).toMatch(/^https:\/\/archive\.ics\.uci\.edu\/dataset\/\d+\//);
      expect(c.citation).toMatch(/\(\d{4}\)\..*UCI Machine Learning Repository\. https:\/\/doi\.org\/10\.24432\/C5\w+$/);
      expect(c.licence).toContain('CC BY 4.0');
      expect(c.copy).toContain('sklearn.datasets.load_');
    }
  });
});

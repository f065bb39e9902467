// Property-based tests of the loader (fast-check): on any input it returns (never throws, never hangs)
// a well-formed result, and generated numeric/categorical tables written as CSV, TSV, semicolon-separated
// text and JSON (objects and arrays) read back as the same Table, also across chunk boundaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultOptions, encodeTable, inferTask } from '../../../src/core/data/encode-table';
import type { Column, Table } from '../../../src/core/data/table';
import { type LoadResult, loadTable } from '../../../src/loader/load-table';
import { CHUNK_BYTES } from '../../../src/loader/delimited';

const enc = new TextEncoder();
/** Longest a single small input may take: a hang would blow far past it. */
const MAX_MS = 2000;

/** Loads with a stopwatch, and checks the result's shape whatever the input. */
function loadChecked(bytes: Uint8Array, name: string): LoadResult {
  const t0 = performance.now();
  const r = loadTable(bytes, name);
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
  if (!r.ok) {
    expect(typeof r.message).toBe('string');
    expect(r.message).toContain(`"${name}"`);
    if (r.row !== null) expect(Number.isInteger(r.row) && r.row >= 1).toBe(true);
    return r;
  }
  const t = r.table;
  expect(t.name).toBe(name);
  expect(t.rows).toBeGreaterThanOrEqual(1);
  expect(t.columns.length).toBeGreaterThanOrEqual(2);
  expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
  for (const c of t.columns) {
    if (c.kind === 'numeric') {
      expect(c.values.length).toBe(t.rows);
      for (const v of c.values) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
    } else {
      expect(c.codes.length).toBe(t.rows);
      expect(new Set(c.categories).size).toBe(c.categories.length);
      for (const k of c.codes) expect(k >= -1 && k < c.categories.length).toBe(true);
    }
  }
  expect(t.rowNumbers!.length).toBe(t.rows);
  for (let i = 1; i < t.rows; i++) expect(t.rowNumbers![i]!).toBeGreaterThan(t.rowNumbers![i - 1]!);
  expect(r.preview.firstRows.length).toBe(Math.min(20, t.rows));
  expect(r.preview.columns.map((c) => c.kind)).toEqual(t.columns.map((c) => c.kind));
  // Encoding whatever came out never throws either.
  for (const c of t.columns) inferTask(c);
  const e = encodeTable(t, defaultOptions(t));
  if (e.ok) {
    expect(e.dataset.x.length).toBe(e.dataset.rows * e.dataset.dims);
    expect(e.report.rowsKept).toBe(e.dataset.rows);
  } else expect(e.message.length).toBeGreaterThan(0);
  return r;
}

// Characters that make delimited text and JSON interesting, in runs.
const TOKENS = [',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', 'a', 'b', 'x', '1', '2.5', '-3', '1e3', '.', 'NA', 'NaN', 'inf', '?', '[', ']', '{', '}', ':', '"k"', 'null', 'true', '\\', '\ufeff', '\u00e9', '\u0000', '\u001e'];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((ts) => ts.join(''));

describe('the loader on arbitrary input', () => {
  it('returns a well-formed result for arbitrary strings (never throws)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), tokenText), fc.constantFrom('a.csv', 'b.tsv', 'c.json', 'd'), (s, name) => {
        loadChecked(enc.encode(s), name);
      }),
      { numRuns: 4000 },
    );
  });

  it('returns a well-formed result for arbitrary bytes (never throws)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        loadChecked(bytes, 'bytes.bin');
      }),
      { numRuns: 3000 },
    );
  });

  it('returns for near-valid tables with random damage', () => {
    fc.assert(
      fc.property(generatedTable(12, 20), fc.constantFrom('csv', 'tsv', 'semicolon', 'json-objects', 'json-arrays'), fc.nat(), fc.constantFrom(...TOKENS), (spec, format, at, token) => {
        const text = write(spec, format as Format, false, false);
        const i = at % (text.length + 1);
        loadChecked(enc.encode(text.slice(0, i) + token + text.slice(i)), `damaged.${format}`);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---- generated tables ----

type Cell = number | string | null;
interface Spec {
  names: string[];
  kinds: ('numeric' | 'categorical')[];
  rows: Cell[][];
}
type Format = 'csv' | 'tsv' | 'semicolon' | 'json-objects' | 'json-arrays';

// Labels start with "v" and end with "w": never numbers, missing tokens, whitespace-trimmed or column names.
const TRICKY = ['v,w', 'v;w', 'v"q"w', 'v\nw', 'v\r\nw', 'v\tw', 'v|w', 'v  w', "v'w", 'v\\w', 'v\\"w', 'v""w', 'vé€𝄞w'];
const shortLabel = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => `v${s}w`), fc.constantFrom(...TRICKY));
// 1 to 8,000 characters: a piece (tricky ones included) repeated, so rows cross chunk boundaries anywhere.
const longLabel = fc.tuple(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.constantFrom(...TRICKY)), fc.integer({ min: 1, max: 1000 })).map(([s, k]) => `v${s.repeat(k)}w`);
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)));
const columnName = fc.string({ unit: 'grapheme', maxLength: 6 });

/** A table of 2..maxCols columns and 1..maxRows rows; every row and every column has a value. */
function generatedTable(maxCols: number, maxRows: number, long = false, minRows = 1): fc.Arbitrary<Spec> {
  return fc
    .record({
      kinds: fc.array(fc.constantFrom('numeric' as const, 'categorical' as const), { minLength: 2, maxLength: maxCols }),
      nRows: fc.integer({ min: minRows, max: maxRows }),
      suffixes: fc.array(columnName, { minLength: maxCols, maxLength: maxCols }),
      seedCells: fc.array(fc.tuple(fc.option(number, { freq: 6 }), fc.option(long ? longLabel : shortLabel, { freq: 6 }), fc.integer({ min: 0, max: 4 })), { minLength: maxCols * maxRows, maxLength: maxCols * maxRows }),
    })
    .map(({ kinds, nRows, suffixes, seedCells }) => {
      const names = kinds.map((_k, c) => `c${c}${suffixes[c]}n`);
      // Categorical columns draw from a few labels so that codes repeat.
      const rows: Cell[][] = [];
      for (let r = 0; r < nRows; r++) {
        rows.push(
          kinds.map((k, c) => {
            const [n, l, pick] = seedCells[r * kinds.length + c]!;
            if (k === 'numeric') return n;
            if (l === null) return null;
            const pool = seedCells[c]![1] ?? 'vaw';
            return pick < 2 ? pool : l;
          }),
        );
      }
      // Every row and every column has at least one value.
      rows.forEach((row, r) => {
        if (!row.some((v) => v !== null)) row[0] = filler(kinds[0]!, r);
      });
      kinds.forEach((k, c) => {
        if (rows.every((row) => row[c] === null)) rows[0]![c] = filler(k, c);
      });
      return { names, kinds, rows };
    });
}

function filler(kind: 'numeric' | 'categorical', i: number): Cell {
  return kind === 'numeric' ? i + 0.5 : `vfill${i}w`;
}

/** The Table the loader must return for a generated table (categories in order of first appearance). */
function expected(spec: Spec, name: string): Omit<Table, 'rowNumbers'> {
  const columns: Column[] = spec.kinds.map((kind, c) => {
    if (kind === 'numeric') return { name: spec.names[c]!, kind, values: Float64Array.from(spec.rows, (row) => (row[c] === null ? NaN : (row[c] as number))) };
    const categories: string[] = [];
    const codes = Int32Array.from(spec.rows, (row) => {
      const v = row[c] as string | null;
      if (v === null) return -1;
      let k = categories.indexOf(v);
      if (k < 0) k = categories.push(v) - 1;
      return k;
    });
    return { name: spec.names[c]!, kind, codes, categories };
  });
  return { name, rows: spec.rows.length, columns };
}

/** Writes a generated table in a format (optionally with a UTF-8 byte order mark and CRLF line ends). */
function write(spec: Spec, format: Format, bom: boolean, crlf: boolean): string {
  if (format === 'json-objects') return JSON.stringify(spec.rows.map((row) => Object.fromEntries(spec.names.map((n, c) => [n, row[c]]))));
  if (format === 'json-arrays') return JSON.stringify([spec.names, ...spec.rows]);
  const d = format === 'csv' ? ',' : format === 'tsv' ? '\t' : ';';
  const special = [',', ';', '\t', '|', '"', '\r', '\n', '\u001e', '\u001f'];
  const field = (s: string) => (special.some((ch) => s.includes(ch)) ? `"${s.replaceAll('"', '""')}"` : s);
  const cell = (v: Cell) => (v === null ? '' : typeof v === 'number' ? (d === ';' ? String(v).replace('.', ',') : String(v)) : field(v));
  const nl = crlf ? '\r\n' : '\n';
  return (bom ? '\ufeff' : '') + [spec.names.map(field).join(d), ...spec.rows.map((row) => row.map(cell).join(d))].join(nl) + nl;
}

function plain(t: Omit<Table, 'rowNumbers'>) {
  return {
    name: t.name,
    rows: t.rows,
    columns: t.columns.map((c) => (c.kind === 'numeric' ? { name: c.name, kind: c.kind, values: Array.from(c.values) } : { name: c.name, kind: c.kind, codes: Array.from(c.codes), categories: [...c.categories] })),
  };
}

/** Writes, loads and compares; returns the file's size in bytes. */
function roundTrip(spec: Spec, format: Format, bom: boolean, crlf: boolean): number {
  const name = `t.${format}`;
  const bytes = enc.encode(write(spec, format, bom, crlf));
  const r = loadChecked(bytes, name);
  if (!r.ok) throw new Error(r.message);
  expect(plain(r.table)).toEqual(plain(expected(spec, name)));
  const first = format === 'json-objects' ? 1 : 2;
  expect(Array.from(r.table.rowNumbers!)).toEqual(spec.rows.map((_r, i) => i + first));
  expect(r.preview.header).toBe(true);
  return bytes.length;
}

describe('round trips of generated tables', () => {
  for (const format of ['csv', 'tsv', 'semicolon', 'json-objects', 'json-arrays'] as const) {
    it(`${format}: the same Table comes back`, () => {
      fc.assert(
        fc.property(generatedTable(6, 30), fc.boolean(), fc.boolean(), (spec, bom, crlf) => {
          roundTrip(spec, format, bom, crlf);
        }),
        { numRuns: 1000 },
      );
    });
  }

  const sizes: number[] = [];
  it(`long rows across ${CHUNK_BYTES / 1024} KB chunk boundaries (quoted line breaks, escapes, CRLF split anywhere)`, () => {
    fc.assert(
      fc.property(generatedTable(4, 80, true, 40), fc.constantFrom('csv', 'tsv', 'semicolon', 'json-objects', 'json-arrays'), fc.boolean(), (spec, format, crlf) => {
        const bytes = roundTrip(spec, format as Format, false, crlf);
        sizes.push(bytes);
      }),
      { numRuns: 150 },
    );
    // Most files span several chunks (a table of numbers only stays small).
    const multiChunk = sizes.filter((n) => n > 2 * CHUNK_BYTES).length;
    expect(multiChunk).toBeGreaterThan(sizes.length / 2);
  });
});

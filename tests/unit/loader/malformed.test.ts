// Golden malformed files (tests/fixtures/datasets/malformed), each mapped to its exact message, row and
// column; the big ones (a 50 MB line, a file over the size limit) are generated in os.tmpdir().
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultOptions, encodeTable } from '../../../src/core/data/encode-table';
import { MAX_FILE_BYTES, checkFileSize, loadTable } from '../../../src/loader/load-table';

const DIR = new URL('../../fixtures/datasets/malformed/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));

/** [file, message, row, column]: loading the file fails with exactly this. */
const LOAD_ERRORS: [string, string, number | null, string | null][] = [
  ['empty.csv', '"empty.csv" is empty (0 bytes). Choose a file with a header row and rows of data.', null, null],
  ['blank.csv', '"blank.csv" holds only blank lines and spaces: there is no table in it.', null, null],
  ['header-only.csv', '"header-only.csv" has a header ("sepal_length", "sepal_width", "species") but no data rows. Add rows below the header.', null, null],
  ['header-only.json', '"header-only.json" has a header ("x", "y", "label") but no data rows. Add rows below the header.', null, null],
  ['ragged.csv', '"ragged.csv", row 4 has 2 values, but the header has 3 columns. Check that row for a missing or extra delimiter; a value that contains the delimiter must be in double quotes.', 4, null],
  ['stray-word.csv', '"stray-word.csv", row 9, column "income": "twelve" is not a number, but 12 of the 13 values in this column are. Correct the value, or empty the cell to mark it missing.', 9, 'income'],
  ['infinity.csv', '"infinity.csv", row 3, column "y": "Infinity" is infinite, and the network needs finite numbers. Replace it with a number, or empty the cell to mark it missing.', 3, 'y'],
  ['json-infinity.json', '"json-infinity.json", row 2, column "x": "Infinity" is infinite, and the network needs finite numbers. Replace it with a number, or empty the cell to mark it missing.', 2, 'x'],
  ['binary.bin', '"binary.bin" is not a text table: it looks like a binary file (it holds NUL bytes, which text never does). Load a CSV, TSV or JSON file; from a spreadsheet, use "Save as" CSV UTF-8.', null, null],
  ['workbook.csv', '"workbook.csv" is not a text table: it looks like a zip archive or an Excel/OpenDocument workbook. Load a CSV, TSV or JSON file; from a spreadsheet, use "Save as" CSV UTF-8.', null, null],
  ['utf16.csv', '"utf16.csv" is UTF-16 text, and Leaky Lab reads UTF-8. Save it as UTF-8 (in Excel: "CSV UTF-8") and load it again.', null, null],
  ['latin1.csv', '"latin1.csv" is not UTF-8 text: byte 0xE9 at offset 21 (row 2) is not valid UTF-8. It is probably in a legacy encoding such as Windows-1252: save it as UTF-8 (in Excel: "CSV UTF-8") and load it again.', 2, null],
  ['duplicate-names.csv', '"duplicate-names.csv": the column name "x" appears twice in the header (columns 1 and 3). Rename one of them.', 1, 'x'],
  ['single-column.csv', '"single-column.csv" has a single column ("value"); a dataset needs a target and at least one feature. If its values are separated by something else than commas, tabs, semicolons or |, save it as CSV.', null, 'value'],
  ['unclosed-at-end.csv', '"unclosed-at-end.csv", row 3: a field opens a double quote (") that is never closed. Close it, or if the quote is part of the value, put the whole value in quotes and double the quote inside ("").', 3, null],
  ['unclosed-quote.csv', '"unclosed-quote.csv", row 3: a quoted field is malformed: a quote is never closed, or a closing quote is followed by more text, like "ab"c. Put every value that holds quotes, delimiters or line breaks in double quotes, and double the quotes inside it ("ab""c").', 3, null],
  ['bad-quote.csv', '"bad-quote.csv", row 3: a quoted field is malformed: a quote is never closed, or a closing quote is followed by more text, like "ab"c. Put every value that holds quotes, delimiters or line breaks in double quotes, and double the quotes inside it ("ab""c").', 3, null],
  ['top-level-object.json', '"top-level-object.json" is a JSON object, but a table must be an array of rows: [{"x": 1, "y": "a"}, ...] or [["x", "y"], [1, "a"], ...]. If the rows sit under a key, save just that array.', null, null],
  ['nested.json', '"nested.json", row 2, column "y": the value is a nested object, but a table cell holds only a number, text, true/false or null. Flatten the data to one level.', 2, 'y'],
  ['truncated.json', '"truncated.json" ends before its array is closed (after row 2). The file may be cut off: save it again.', null, null],
  ['trailing-comma.json', '"trailing-comma.json", row 2 is followed by a comma but no other row ("..., ]"). Remove that comma.', 2, null],
  ['mixed-rows.json', '"mixed-rows.json", row 2 is an array, but the rows above are objects. Make every row an object {"column": value, ...}.', 2, null],
  ['scalar-rows.json', '"scalar-rows.json", row 1 is a single value, not an array or an object. Every row must be an object {"column": value, ...} or an array [value, ...].', 1, null],
  ['invalid-row.json', '"invalid-row.json", row 2 is not valid JSON ({"x": 2 "y": "b"}). Check the brackets, commas and quotes of that row.', 2, null],
  ['empty-array.json', '"empty-array.json" holds no table: it has no rows with values.', null, null],
];

/** Files that load, but whose problem is reported: a warning, a column left out, or an encoding error. */
const LOADS_WITH = ['nan.csv', 'constant-column.csv', 'single-class.csv'];

describe('golden malformed files', () => {
  it('every fixture is covered by a case', () => {
    const files = readdirSync(DIR).sort();
    expect(files).toEqual([...LOAD_ERRORS.map((c) => c[0]), ...LOADS_WITH].sort());
  });

  it.each(LOAD_ERRORS)('%s: exact message, row and column', (file, message, row, column) => {
    expect(loadTable(read(file), file)).toEqual({ ok: false, message, row, column });
  });

  it('nan.csv: NaN cells are read as missing, with a warning naming the column and first row', () => {
    const r = loadTable(read('nan.csv'), 'nan.csv');
    if (!r.ok) throw new Error(r.message);
    expect(r.warnings).toEqual(['Column "y": 2 cells say NaN (first at row 2); read as missing values.']);
    expect(r.preview.columns[1]).toMatchObject({ name: 'y', kind: 'numeric', missing: 2 });
    const e = encodeTable(r.table, defaultOptions(r.table));
    if (!e.ok) throw new Error(e.message);
    expect(e.report.dropped.map((d) => d.message)).toEqual(['2 rows have missing values ("y": 2) and were left out (rows 2, 4). Choose "fill with the column mean" to keep them.']);
  });

  it('constant-column.csv: the constant column is left out, with the reason', () => {
    const r = loadTable(read('constant-column.csv'), 'constant-column.csv');
    if (!r.ok) throw new Error(r.message);
    const e = encodeTable(r.table, defaultOptions(r.table));
    if (!e.ok) throw new Error(e.message);
    expect(e.report.leftOut).toEqual([
      { column: 'unit', reason: 'constant', message: '"constant-column.csv", column "unit" is "cm" in every row, so it tells the network nothing and is left out.' },
    ]);
    expect(e.dataset.featureNames).toEqual(['x']);
  });

  it('single-class.csv: a target with one class cannot be classified', () => {
    const r = loadTable(read('single-class.csv'), 'single-class.csv');
    if (!r.ok) throw new Error(r.message);
    expect(encodeTable(r.table, defaultOptions(r.table))).toEqual({
      ok: false,
      message: '"single-class.csv": the target column "label" has a single class ("spam") in the 3 rows kept; classification needs at least two. Pick another target column.',
      column: 'label',
    });
  });
});

describe('generated bad files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-malformed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a single line of 50 MB is refused quickly, naming row 1', () => {
    const path = join(dir, 'one-line.csv');
    writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, '1,'));
    const bytes = new Uint8Array(readFileSync(path));
    const t0 = performance.now();
    const r = loadTable(bytes, 'one-line.csv');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r).toEqual({
      ok: false,
      message: '"one-line.csv", row 1 is longer than 1 MB. The file has no line break for that long: a table needs one row per line. If it has line breaks of another kind, save it as CSV.',
      row: 1,
      column: null,
    });
  });

  it('an unclosed quote in a big file is caught within 1 MB, naming its row', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i},${i * 2},a`).join('\n');
    const text = `x,y,label\n${rows}\n5,"oops,b\n${'7,8,a\n'.repeat(400_000)}`;
    const r = loadTable(new TextEncoder().encode(text), 'quote.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.row).toBe(1002);
    expect(r.message).toMatch(/^"quote.csv", row 1002 is longer than 1 MB\. Probably a double quote \("\) opens a field and is never closed/);
  });

  it('a file over the size limit is refused from its size, before reading it', () => {
    const path = join(dir, 'huge.csv');
    closeSync(openSync(path, 'w'));
    truncateSync(path, MAX_FILE_BYTES + 1024 * 1024); // sparse: no 200 MB written
    const size = statSync(path).size;
    expect(checkFileSize('huge.csv', size)).toEqual({
      ok: false,
      message: '"huge.csv" is 201 MB, but datasets are limited to 200 MB. Use a sample of its rows saved as a smaller file.',
      row: null,
      column: null,
    });
    expect(checkFileSize('fine.csv', MAX_FILE_BYTES)).toBeNull();
    // loadTable applies the same limit to bytes it is given.
    expect(loadTable(new TextEncoder().encode('x,y\n1,2\n'), 'small.csv', { maxBytes: 4 })).toEqual({
      ok: false,
      message: '"small.csv" is 8 bytes, but datasets are limited to 4 bytes. Use a sample of its rows saved as a smaller file.',
      row: null,
      column: null,
    });
  });

  it('invalid UTF-8 past the first 64 KB is reported with its offset and row', () => {
    const head = new TextEncoder().encode(`x,y,label\n${'1,2,a\n'.repeat(20_000)}`);
    const bytes = new Uint8Array(head.length + 8);
    bytes.set(head);
    bytes.set([0x33, 0x2c, 0xff, 0x2c, 0x61, 0x0a], head.length);
    expect(loadTable(bytes, 'late.csv')).toEqual({
      ok: false,
      message: `"late.csv" is not UTF-8 text: byte 0xFF at offset ${head.length + 2} (row 20002) is not valid UTF-8. Save the file as UTF-8 (in Excel: "CSV UTF-8") and load it again.`,
      row: 20002,
      column: null,
    });
  });

  it('more than 10,000 columns are refused', () => {
    const header = Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 10_001 }, () => '1').join(',');
    const r = loadTable(new TextEncoder().encode(`${header}\n${row}\n`), 'wide.csv');
    expect(r).toEqual({ ok: false, message: '"wide.csv", row 1 has 10,001 cells; at most 10,000 columns are supported. Check the delimiter.', row: 1, column: null });
  });
});

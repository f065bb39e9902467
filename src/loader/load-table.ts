/**
 * The user's file in, a typed Table (or one message saying what is wrong and what to do) out.
 *
 * Host-agnostic (imports core and papaparse only): the app runs it in a Web Worker
 * (src/renderer/host/dataset.worker.ts), the CLI and the tests in-process. It never throws: every bad
 * input, and even running out of memory, comes back as `{ ok: false, message, row, column }`, the
 * message naming the file, the row or column, and what to do.
 *
 * Steps: size limit; binary sniff (NUL bytes, known binary signatures, UTF-16, invalid UTF-8 in the
 * first 64 KB); JSON when the first character is [ or {, else delimited text (delimiter among tab,
 * semicolon, comma, | and PapaParse's record and unit separators); header detection; then rows are
 * streamed chunk by chunk straight into one typed array per column. Peak memory is the file's bytes
 * plus 8 bytes per numeric cell and 4 per categorical cell (and 4 per row for row numbers), plus a chunk
 * of 64 KB: small chunks also keep the parser's short-lived strings in V8's young generation (with 1 MB
 * chunks peak RSS on a 100 MB CSV was about 3.0x the file size, with 64 KB 2.4x; scripts/bench-load.mjs).
 */
import type { Table } from '../core/data/table';
import { DELIMITERS, SAMPLE_CHARS, countLines, detectFormat, readDelimited } from './delimited';
import { LoadError, q } from './errors';
import { readJson } from './json-rows';
import { type LoadFailure, MAX_FILE_BYTES, checkFileSize } from './limits';
import { sniffBinary } from './sniff';
import { type ColumnSummary, type RowsSeen, TableSink } from './table-sink';

export type { ColumnSummary } from './table-sink';
export { type LoadFailure, MAX_FILE_BYTES, checkFileSize } from './limits';

export type TableFormat = 'csv' | 'tsv' | 'semicolon' | 'pipe' | 'delimited' | 'json';

/** What the user sees before training: the first rows, the columns' types, what was skipped. */
export interface TablePreview extends RowsSeen {
  readonly format: TableFormat;
  /** The delimiter of delimited text; null for JSON. */
  readonly delimiter: string | null;
  readonly rows: number;
  readonly columns: readonly ColumnSummary[];
}

export type LoadResult = { readonly ok: true; readonly table: Table; readonly preview: TablePreview; readonly warnings: readonly string[] } | LoadFailure;

export interface LoadOptions {
  /** Called with the share of the file read so far, in [0, 1], after each 64 KB chunk and at the end (often: throttle it before posting it anywhere). */
  onProgress?(fraction: number): void;
  /** Refuse files larger than this (default MAX_FILE_BYTES). */
  maxBytes?: number;
}

function failure(message: string, row: number | null = null, column: string | null = null): LoadFailure {
  return { ok: false, message, row, column };
}

const FORMAT_OF: Record<string, TableFormat> = { ',': 'csv', '\t': 'tsv', ';': 'semicolon', '|': 'pipe' };

/** Reads a table from a file's bytes. Never throws; see the module comment. */
export function loadTable(bytes: Uint8Array, fileName: string, opts: LoadOptions = {}): LoadResult {
  try {
    return load(bytes, fileName, opts);
  } catch (e) {
    if (e instanceof LoadError) return failure(e.message, e.row, e.column);
    if (e instanceof RangeError) return failure(`${q(fileName)} is too large to load in the memory available (${e.message}). Use a sample of its rows saved as a smaller file.`);
    return failure(`Could not read ${q(fileName)}: ${e instanceof Error ? e.message : String(e)}. This is a bug in Leaky Lab; please report it with the file if you can.`);
  }
}

function load(bytes: Uint8Array, fileName: string, opts: LoadOptions): LoadResult {
  const file = q(fileName);
  const tooBig = checkFileSize(fileName, bytes.length, opts.maxBytes ?? MAX_FILE_BYTES);
  if (tooBig) return tooBig;
  if (bytes.length === 0) return failure(`${file} is empty (0 bytes). Choose a file with a header row and rows of data.`);
  const sniff = sniffBinary(bytes);
  if (sniff?.kind === 'binary')
    return failure(`${file} is not a text table: it looks like ${sniff.what}. Load a CSV, TSV or JSON file; from a spreadsheet, use "Save as" CSV UTF-8.`);
  if (sniff?.kind === 'utf16') return failure(`${file} is UTF-16 text, and Leaky Lab reads UTF-8. Save it as UTF-8 (in Excel: "CSV UTF-8") and load it again.`);
  if (sniff?.kind === 'encoding') {
    let row = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < sniff.offset; i = bytes.indexOf(10, i + 1)) row++;
    const byte = bytes[sniff.offset]!.toString(16).toUpperCase().padStart(2, '0');
    return failure(
      `${file} is not UTF-8 text: byte 0x${byte} at offset ${sniff.offset} (row ${row}) is not valid UTF-8. It is probably in a legacy encoding such as Windows-1252: save it as UTF-8 (in Excel: "CSV UTF-8") and load it again.`,
      row,
    );
  }
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
  if (i === bytes.length) return failure(`${file} holds only blank lines and spaces: there is no table in it.`);

  let sink: TableSink;
  let format: TableFormat;
  let delimiter: string | null = null;
  if (bytes[i] === 0x5b || bytes[i] === 0x7b) {
    sink = new TableSink(fileName, 1024, false);
    readJson(bytes, fileName, sink, opts.onProgress);
    format = 'json';
  } else {
    const head = bytes.subarray(0, Math.min(bytes.length, SAMPLE_CHARS));
    const sample = new TextDecoder('utf-8').decode(head, { stream: head.length < bytes.length });
    const f = detectFormat(sample, head.length === bytes.length);
    sink = new TableSink(fileName, countLines(bytes, f.newline), f.delimiter === ';');
    readDelimited(bytes, fileName, f, sink, opts.onProgress);
    delimiter = f.delimiter;
    format = FORMAT_OF[f.delimiter] ?? 'delimited';
  }
  const { table, summaries, warnings, ...seen } = sink.finish();
  opts.onProgress?.(1);
  return { ok: true, table, preview: { format, delimiter, ...seen, rows: table.rows, columns: summaries }, warnings };
}

/** The buffers of a table's typed arrays, each once: the transfer list when posting it to another thread. */
export function tableTransferables(table: Table): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const c of table.columns) set.add(c.kind === 'numeric' ? c.values.buffer : c.codes.buffer);
  if (table.rowNumbers) set.add(table.rowNumbers.buffer);
  return [...set];
}

/** Delimiters the loader recognises (for the UI's help text). */
export const KNOWN_DELIMITERS = DELIMITERS;

/**
 * Delimited text (CSV, TSV, semicolon- or |-separated): the delimiter and line ending are detected on
 * the first 64 KB, then the file is decoded and parsed 64 KB at a time with PapaParse's parser (quoted
 * fields, doubled quotes, quoted line breaks), each chunk's records going straight to the TableSink.
 * A record cut by the end of a chunk is carried over to the next one; one longer than MAX_ROW_CHARS is an
 * error (a file without line breaks, or an unclosed quote), so memory and time stay linear in the file.
 */
import Papa from 'papaparse';
import { LoadError, q, showCell } from './errors';
import { invalidUtf8At } from './sniff';
import type { TableSink } from './table-sink';

/** Bytes decoded and parsed at a time. */
export const CHUNK_BYTES = 64 * 1024;
/** Longest record accepted, in characters (1 MB of ASCII). */
export const MAX_ROW_CHARS = 1 << 20;
/** Characters looked at to detect the delimiter and the line ending. */
export const SAMPLE_CHARS = 64 * 1024;

/** Delimiters tried, in order of preference when several split every row the same way. */
export const DELIMITERS: readonly string[] = ['\t', ';', ',', '|', Papa.RECORD_SEP, Papa.UNIT_SEP];

export interface DelimitedFormat {
  readonly delimiter: string;
  /** '\n' (also reads CRLF: a trailing '\r' is removed from every record) or '\r' (old Mac files). */
  readonly newline: '\n' | '\r';
}

interface PapaResult {
  data: string[][];
  errors: { code: string; row: number; message: string }[];
  meta: { cursor: number };
}

/**
 * The delimiter and line ending of a text, from its beginning (`complete`: the sample is the whole
 * file). Candidates are the DELIMITERS that split every sampled record into the same number (at least 2)
 * of fields without quote errors; among them, the one leaving the fewest quote characters inside fields
 * (a wrong delimiter cuts quoted values, leaving their quotes behind), then the first in DELIMITERS
 * order. Semicolons come before commas: in semicolon files commas are often decimal separators. Without
 * such a candidate, the one splitting most consistently; else a comma.
 */
export function detectFormat(sample: string, complete: boolean): DelimitedFormat {
  const newline: '\n' | '\r' = sample.indexOf('\n') < 0 && sample.indexOf('\r') >= 0 ? '\r' : '\n';
  let best: { delimiter: string; score: number } | null = null;
  let consistent: { delimiter: string; quotes: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', preview: 50 });
    const res = parser.parse(sample, 0, !complete) as PapaResult;
    const counts = res.data.filter((r) => !(r.length === 1 && r[0]!.trim() === '')).map((r) => r.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modal = 0;
    let modalCount = 0;
    for (const [c, n] of freq) if (n > modalCount || (n === modalCount && c > modal)) [modal, modalCount] = [c, n];
    if (modal < 2) continue;
    const consistency = modalCount / counts.length;
    if (consistency === 1 && res.errors.length === 0) {
      let quotes = 0;
      for (const r of res.data) for (const cell of r) if (cell.indexOf('"') >= 0) for (const ch of cell) if (ch === '"') quotes++;
      if (!consistent || quotes < consistent.quotes) consistent = { delimiter, quotes };
      continue;
    }
    const score = consistency - (res.errors.length > 0 ? 1 : 0) + modal * 1e-6;
    if (!best || score > best.score) best = { delimiter, score };
  }
  return { delimiter: consistent?.delimiter ?? best?.delimiter ?? ',', newline };
}

/** Upper bound on the records of the file: its line breaks plus one. */
export function countLines(bytes: Uint8Array, newline: '\n' | '\r'): number {
  const b = newline === '\n' ? 10 : 13;
  let n = 1;
  for (let i = bytes.indexOf(b); i >= 0; i = bytes.indexOf(b, i + 1)) n++;
  return n;
}

/** Decodes and parses the whole file into the sink, reporting progress after each chunk. */
export function readDelimited(bytes: Uint8Array, file: string, format: DelimitedFormat, sink: TableSink, onProgress?: (fraction: number) => void): void {
  const parser = new Papa.Parser({ delimiter: format.delimiter, newline: format.newline, quoteChar: '"' });
  const stripCr = format.newline === '\n';
  const len = bytes.length;
  if (len === 0) {
    onProgress?.(1);
    return;
  }
  let carry = '';
  let rowNo = 0;
  for (const chunk of decodeChunks(bytes, file)) {
    const { last, end } = chunk;
    const text = carry ? carry + chunk.text : chunk.text;
    // Parse up to the last line break only: what follows waits for the next chunk, so the parser never
    // sees a record (or a closing quote's line break) cut in two.
    let upTo = text.length;
    if (!last) {
      const nl = text.lastIndexOf(format.newline);
      upTo = nl < 0 ? 0 : nl + 1;
    }
    const part = upTo === text.length ? text : text.slice(0, upTo);
    const res = (part.length > 0 ? parser.parse(part, 0, !last) : { data: [], errors: [], meta: { cursor: 0 } }) as PapaResult;
    const data = res.data;
    const err = res.errors[0];
    // Records before the error are good; the error's row is reported after them.
    const good = err ? Math.min(err.row, data.length) : data.length;
    for (let i = 0; i < good; i++) {
      const cells = data[i]!;
      if (stripCr) {
        const k = cells.length - 1;
        const lastCell = cells[k]!;
        if (lastCell.charCodeAt(lastCell.length - 1) === 13) cells[k] = lastCell.slice(0, -1);
      }
      sink.record(cells, ++rowNo);
    }
    if (err) throw quoteError(file, rowNo + 1, err.code);
    carry = last ? '' : text.slice(res.meta.cursor);
    if (carry.length > MAX_ROW_CHARS) throw longRowError(file, rowNo + 1, carry);
    onProgress?.(end / len);
  }
}

function quoteError(file: string, row: number, code: string): LoadError {
  if (code === 'MissingQuotes')
    return new LoadError(`${q(file)}, row ${row}: a field opens a double quote (") that is never closed. Close it, or if the quote is part of the value, put the whole value in quotes and double the quote inside ("").`, row);
  return new LoadError(
    `${q(file)}, row ${row}: a quoted field is malformed: a quote is never closed, or a closing quote is followed by more text, like "ab"c. Put every value that holds quotes, delimiters or line breaks in double quotes, and double the quotes inside it ("ab""c").`,
    row,
  );
}

function longRowError(file: string, row: number, carry: string): LoadError {
  const quote = carry.indexOf('"');
  const hint =
    quote >= 0
      ? `Probably a double quote (") opens a field and is never closed (the row starts ${showCell(carry.slice(0, 30))}). Close the quote, or double quotes that are part of a value ("").`
      : `The file has no line break for that long: a table needs one row per line. If it has line breaks of another kind, save it as CSV.`;
  return new LoadError(`${q(file)}, row ${row} is longer than 1 MB. ${hint}`, row);
}

/** The error for bytes that are not UTF-8, naming the byte and its row. */
export function encodingError(bytes: Uint8Array, off: number, end: number, last: boolean, file: string): LoadError {
  // The decoder may hold up to 3 bytes of a sequence begun before `off`: start at that sequence's first byte.
  let from = off;
  while (from > 0 && off - from < 3 && (bytes[from]! & 0xc0) === 0x80) from--;
  let at = invalidUtf8At(bytes, from, end, !last);
  if (at < 0) at = off;
  let row = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) row++;
  const byte = bytes[at] ?? 0;
  return new LoadError(
    `${q(file)} is not UTF-8 text: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${at} (row ${row}) is not valid UTF-8. Save the file as UTF-8 (in Excel: "CSV UTF-8") and load it again.`,
    row,
  );
}

/** The bytes decoded as UTF-8, CHUNK_BYTES at a time (nothing for no bytes): each piece's text, whether it is the last, and where it ends. */
export function* decodeChunks(bytes: Uint8Array, file: string): Generator<{ readonly text: string; readonly last: boolean; readonly end: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const len = bytes.length;
  for (let off = 0; off < len; off += CHUNK_BYTES) {
    const end = Math.min(len, off + CHUNK_BYTES);
    const last = end === len;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(off, end), { stream: !last });
    } catch {
      throw encodingError(bytes, off, end, last, file);
    }
    yield { text, last, end };
  }
}

/**
 * JSON tables: an array of objects ([{"x": 1, "y": "a"}, ...], keys name the columns) or of arrays
 * ([["x", "y"], [1, "a"], ...], the first one may be a header). The file is decoded 64 KB at a time; a
 * small scanner finds where each row of the top-level array starts and ends (tracking strings and
 * brackets), and only that row goes through JSON.parse. The whole document is never a JS object tree,
 * which would take many times the file's size.
 */
import { LoadError, q } from './errors';
import { MAX_ROW_CHARS, decodeChunks } from './delimited';
import type { TableSink } from './table-sink';

const BEFORE = 0; // before the opening [
const FIRST = 1; // after [: a row or ]
const NEXT = 2; // after ,: a row
const IN_ROW = 3;
const AFTER = 4; // after a row: , or ]
const DONE = 5; // after the closing ]

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Reads a JSON table into the sink, reporting progress after each chunk. */
export function readJson(bytes: Uint8Array, file: string, sink: TableSink, onProgress?: (fraction: number) => void): void {
  const len = bytes.length;
  let phase = BEFORE;
  let buf = '';
  let pos = 0;
  let depth = 0;
  let inString = false;
  let rowNo = 0;
  let shape: 'arrays' | 'objects' | null = null;
  let estimated = false;
  /** "file" + text, or "file", row N + text. */
  const fail = (message: string, row: number | null = null, column: string | null = null) => new LoadError(`${q(file)}${row === null ? '' : `, row ${row}`}${message}`, row, column);

  const emitRow = (text: string) => {
    rowNo++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw fail(` is not valid JSON (${text.length > 60 ? `${text.slice(0, 57)}...` : text}). Check the brackets, commas and quotes of that row.`, rowNo);
    }
    if (Array.isArray(value)) {
      if (shape === 'objects') throw fail(' is an array, but the rows above are objects. Make every row an object {"column": value, ...}.', rowNo);
      shape = 'arrays';
      sink.record(
        value.map((v, i) => cellOf(v, `position ${i + 1}`, null)),
        rowNo,
      );
    } else {
      if (shape === 'arrays') throw fail(' is an object, but the rows above are arrays. Make every row an array [value, ...].', rowNo);
      shape = 'objects';
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      sink.keyed(
        keys,
        keys.map((k) => cellOf(obj[k], `column ${q(k)}`, k)),
        rowNo,
      );
    }
  };
  const cellOf = (v: unknown, where: string, column: string | null): string => {
    if (v === null) return '';
    switch (typeof v) {
      case 'string':
        return v;
      case 'number':
        return String(v);
      case 'boolean':
        return v ? 'true' : 'false';
      default:
        throw fail(`, ${where}: the value is a nested ${Array.isArray(v) ? 'array' : 'object'}, but a table cell holds only a number, text, true/false or null. Flatten the data to one level.`, rowNo, column);
    }
  };

  for (const { text, end } of decodeChunks(bytes, file)) {
    buf = buf ? buf + text : text;
    const n = buf.length;
    let rowStart = phase === IN_ROW ? 0 : -1;
    while (pos < n) {
      if (phase === IN_ROW) {
        if (inString) {
          // Jump to the next quote that is not escaped (an odd run of backslashes before it escapes it).
          let qt = buf.indexOf('"', pos);
          while (qt >= 0) {
            let bs = 0;
            for (let k = qt - 1; k >= rowStart && buf.charCodeAt(k) === 92; k--) bs++;
            if (bs % 2 === 0) break;
            qt = buf.indexOf('"', qt + 1);
          }
          if (qt < 0) {
            pos = n;
            break;
          }
          inString = false;
          pos = qt + 1;
          continue;
        }
        const c = buf.charCodeAt(pos++);
        if (c === 34) inString = true;
        else if (c === 91 || c === 123) depth++;
        else if (c === 93 || c === 125) {
          if (--depth === 0) {
            emitRow(buf.slice(rowStart, pos));
            phase = AFTER;
            rowStart = -1;
          }
        }
        continue;
      }
      const c = buf.charCodeAt(pos);
      if (isWs(c)) {
        pos++;
        continue;
      }
      if (phase === BEFORE) {
        if (c === 91) {
          phase = FIRST;
          pos++;
          continue;
        }
        if (c === 123) throw fail(' is a JSON object, but a table must be an array of rows: [{"x": 1, "y": "a"}, ...] or [["x", "y"], [1, "a"], ...]. If the rows sit under a key, save just that array.');
        throw fail(' is neither a JSON array nor delimited text.');
      }
      if (phase === FIRST && c === 93) {
        phase = DONE;
        pos++;
        continue;
      }
      if (phase === FIRST || phase === NEXT) {
        if (c === 91 || c === 123) {
          phase = IN_ROW;
          rowStart = pos;
          depth = 1;
          pos++;
          continue;
        }
        if (c === 93) throw fail(' is followed by a comma but no other row ("..., ]"). Remove that comma.', rowNo);
        throw fail(` is a single value, not an array or an object. Every row must be an object {"column": value, ...} or an array [value, ...].`, rowNo + 1);
      }
      if (phase === AFTER) {
        if (c === 44) phase = NEXT;
        else if (c === 93) phase = DONE;
        else throw fail(' is not followed by a comma or the closing ]. Check the commas between rows.', rowNo);
        pos++;
        continue;
      }
      // DONE: only whitespace may follow.
      throw fail(` has text after the closing ] of its array (${q(buf.slice(pos, pos + 20))}). A file holds one array of rows.`);
    }
    // Keep only the unfinished row (if any) for the next chunk.
    if (phase === IN_ROW) {
      buf = buf.slice(rowStart);
      pos -= rowStart;
      if (buf.length > MAX_ROW_CHARS) throw fail(' is longer than 1 MB. A row holds the values of one sample: check the brackets, or flatten the data.', rowNo + 1);
    } else {
      buf = '';
      pos = 0;
    }
    if (!estimated && rowNo > 0) {
      // Size the columns for the whole file from the rows per byte so far.
      estimated = true;
      sink.reserve(Math.ceil((rowNo * len) / end) + 16);
    }
    onProgress?.(end / len);
  }
  if (phase === BEFORE) throw fail(' holds no data.');
  if (phase !== DONE) throw fail(` ends before its array is closed (after row ${rowNo}). The file may be cut off: save it again.`);
}

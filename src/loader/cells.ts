/**
 * What one cell of a file says: missing, a number, or text. Hot path: called once per cell of a file
 * that may have tens of millions of them, so no regular expressions and no allocation on the common path.
 */

/** Cell texts read as "missing" (besides the empty cell and whitespace only). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['NA', 'N/A', 'na', 'n/a', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'Null', 'None', 'none', '?', '#N/A']);
/** The missing tokens that say "not a number" (reported separately: they often come from a computation gone wrong). */
export const NAN_TOKENS: ReadonlySet<string> = new Set(['NaN', 'nan', 'NAN']);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0 || c === 0xfeff;
}

/** True for an empty cell, whitespace only, or one of MISSING_TOKENS (surrounding spaces ignored). */
export function isMissingCell(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (n <= 4 && MISSING_TOKENS.has(s)) return true;
  if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(n - 1))) {
    const t = s.trim();
    return t.length === 0 || MISSING_TOKENS.has(t);
  }
  return false;
}

const INFINITY_WORDS: ReadonlySet<string> = new Set(['inf', 'infinity', '+inf', '+infinity', '-inf', '-infinity', '∞', '+∞', '-∞']);

/**
 * The number a cell holds: a finite number; +-Infinity for "inf", "Infinity", "-inf" and decimals
 * too large for a double ("1e400"); NaN when the cell is not a plain decimal number. Accepted: optional
 * spaces around, optional sign, digits with an optional fraction ("1.", ".5") and exponent ("1e-3");
 * with `decimalComma`, a single "," in place of the "." ("1,5", for semicolon-separated files). Not
 * accepted: hex, binary and octal literals, thousands separators, "1_000", an empty or blank cell.
 */
export function parseNumber(s: string, decimalComma = false): number {
  const n = s.length;
  if (n === 0) return NaN;
  const c0 = s.charCodeAt(0);
  const cl = s.charCodeAt(n - 1);
  // Fast path: starts with a digit, sign or dot, ends with a digit or dot, and is no 0x/0b/0o literal.
  if (((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) && ((cl >= 48 && cl <= 57) || cl === 46)) {
    const c1 = n > 1 ? s.charCodeAt(1) | 32 : 0;
    if (c1 !== 120 && c1 !== 98 && c1 !== 111) {
      const v = +s;
      if (v === v) return v;
    }
  }
  return parseSlow(s, decimalComma);
}

function parseSlow(s: string, decimalComma: boolean): number {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  if (i === end) return NaN;
  let j = i;
  let c = s.charCodeAt(j);
  if (c === 43 || c === 45) j++;
  let digits = 0;
  while (j < end && (c = s.charCodeAt(j)) >= 48 && c <= 57) {
    j++;
    digits++;
  }
  let comma = -1;
  if (j < end && (c === 46 || (decimalComma && c === 44))) {
    if (c === 44) comma = j;
    j++;
    while (j < end && (c = s.charCodeAt(j)) >= 48 && c <= 57) {
      j++;
      digits++;
    }
  }
  if (digits === 0) {
    const word = s.slice(i, end).toLowerCase();
    if (!INFINITY_WORDS.has(word)) return NaN;
    return word.charCodeAt(0) === 45 ? -Infinity : Infinity;
  }
  if (j < end && (c === 101 || c === 69)) {
    j++;
    if (j < end && ((c = s.charCodeAt(j)) === 43 || c === 45)) j++;
    let exp = 0;
    while (j < end && (c = s.charCodeAt(j)) >= 48 && c <= 57) {
      j++;
      exp++;
    }
    if (exp === 0) return NaN;
  }
  if (j !== end) return NaN;
  let text = s.slice(i, end);
  if (comma >= 0) text = text.slice(0, comma - i) + '.' + text.slice(comma - i + 1);
  return +text;
}

/** Kind of a cell for header detection: 'missing', 'number' (finite or infinite) or 'text'. */
export function cellKind(s: string, decimalComma: boolean): 'missing' | 'number' | 'text' {
  if (isMissingCell(s)) return 'missing';
  return Number.isNaN(parseNumber(s, decimalComma)) ? 'text' : 'number';
}

/**
 * A copy of the string that does not keep its parent alive. V8 makes substrings of 13 characters or
 * more as views into the parent: keeping one category name would keep a whole chunk of the file alive.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Trims spaces around a label, cheaply when there are none. */
export function trimCell(s: string): string {
  const n = s.length;
  return n > 0 && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(n - 1))) ? s.trim() : s;
}

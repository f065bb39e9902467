import { describe, expect, it } from 'vitest';
import { formatLens, formatLensShare } from '../../../src/renderer/state/lens-format';
import { checkInRange } from '../../../src/renderer/state/validate';

describe('how the lens prints the engine’s numbers', () => {
  it('keeps 4 significant digits, switching to exponents for tiny and huge values', () => {
    expect(formatLens(0.123456)).toBe('0.1235');
    expect(formatLens(-12.3456)).toBe('-12.35');
    expect(formatLens(0)).toBe('0');
    expect(formatLens(-3.71949e-5)).toBe('-3.719e-5');
    expect(formatLens(123456)).toBe('1.235e5');
    expect(formatLens(Number.NaN)).toBe('–');
  });

  it('prints shares with one decimal, never rounding a partial share to 0% or 100%', () => {
    expect(formatLensShare(0.125)).toBe('12.5%');
    expect(formatLensShare(1)).toBe('100.0%');
    expect(formatLensShare(0.99996)).toBe('>99.9%');
    expect(formatLensShare(0.00004)).toBe('<0.1%');
    expect(formatLensShare(0)).toBe('0.0%');
    expect(formatLensShare(Number.NaN)).toBe('–');
  });

  it('refuses slider values typed outside their range, naming the range', () => {
    expect(checkInRange('0.3', 0, 0.3, 'α')).toEqual({ ok: true, value: 0.3 });
    expect(checkInRange('0.31', 0, 0.3, 'α')).toEqual({ ok: false, hint: 'α must be between 0 and 0.3' });
    expect(checkInRange('-2.5', -2, 2, 'The bias shift')).toEqual({ ok: false, hint: 'The bias shift must be between -2 and 2' });
    expect(checkInRange('abc', -2, 2, 'The bias shift')).toEqual({ ok: false, hint: 'Enter a number from -2 to 2' });
  });
});

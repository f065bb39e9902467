import { describe, expect, it } from 'vitest';
import { digestFloat32 } from '../../../../src/core/math/digest';

describe('digestFloat32', () => {
  it('is 16 hex digits, equal for equal bits and different for any changed bit, order or sign of zero', () => {
    const a = new Float32Array([1, 2, 3]);
    const d = digestFloat32([a]);
    expect(d).toMatch(/^[0-9a-f]{16}$/);
    expect(digestFloat32([new Float32Array([1, 2, 3])])).toBe(d);
    const bits = new Uint32Array(a.buffer);
    bits[1]! ^= 1; // one ulp
    expect(digestFloat32([a])).not.toBe(d);
    expect(digestFloat32([new Float32Array([2, 1, 3])])).not.toBe(d);
    expect(digestFloat32([new Float32Array([0])])).not.toBe(digestFloat32([new Float32Array([-0])]));
  });

  it('hashes a subarray by its own elements only', () => {
    const big = new Float32Array([9, 1, 2, 3, 9]);
    expect(digestFloat32([big.subarray(1, 4)])).toBe(digestFloat32([new Float32Array([1, 2, 3])]));
  });
});

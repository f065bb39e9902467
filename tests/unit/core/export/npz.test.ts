import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { type NpyArray, npzBytes } from '../../../../src/core/export/npz';
import { readNpzFile } from '../../../../src/core/import/npz-file';

const f32 = (values: number[], shape: number[]): NpyArray => ({ dtype: '<f4', shape, bytes: new Uint8Array(new Float32Array(values).buffer) });

/** The entries of a ZIP, read with fflate. */
function entries(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)));
}

describe('npzBytes', () => {
  it('gives the same bytes for the same arrays (a fixed date), stored uncompressed', () => {
    const arrays = new Map([['w', f32([1, 2, 3], [3])]]);
    expect(npzBytes(arrays)).toEqual(npzBytes(arrays));
    // Stored: the values' bytes appear as they are (numpy.load reads either; the side-car is checked by its hash).
    expect(Buffer.from(npzBytes(arrays)).includes(Buffer.from(new Float32Array([1, 2, 3]).buffer))).toBe(true);
  });

  it('is read back by our own .npz reader (the PyTorch import\'s), values exact', () => {
    const read = readNpzFile(npzBytes(new Map([['x', f32([0.5, -1.25, 3e-8, 7], [2, 2])]])), 'a.npz');
    expect(read.ok && read.tensors.map((t) => [t.name, t.dtype, t.shape, [...t.values!]])).toEqual([['x', 'float32', [2, 2], [0.5, -1.25, Math.fround(3e-8), 7]]]);
  });

  it('writes one .npy per array, its header padded to 64 bytes, the values after it', () => {
    const zip = npzBytes(new Map([['w', f32([1, 2, 3, 4, 5, 6], [2, 3])], ['rows', { dtype: '<u2', shape: [3], bytes: new Uint8Array(new Uint16Array([7, 8, 65535]).buffer) }]]));
    const files = entries(zip);
    expect([...files.keys()]).toEqual(['w.npy', 'rows.npy']);
    const w = files.get('w.npy')!;
    const headerLength = w[8]! | (w[9]! << 8);
    expect((10 + headerLength) % 64).toBe(0);
    expect(new TextDecoder().decode(w.subarray(10, 10 + headerLength))).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(Array.from(new Float32Array(w.slice(10 + headerLength).buffer))).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = files.get('rows.npy')!;
    expect(new TextDecoder().decode(rows.subarray(10, 70))).toContain("'shape': (3,)");
  });

  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0) ?? null;
  if (python === null) console.error('\n*** npz.test.ts: SKIPPED the numpy.load check: no python3 with numpy here ***\n');
  it.skipIf(python === null)('is read by numpy.load with the same dtypes, shapes and values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-npz-'));
    const path = join(dir, 'a.npz');
    writeFileSync(path, npzBytes(new Map([['x', f32([0.5, -1.25, 3e-8], [3, 1])], ['i', { dtype: '<i4', shape: [2], bytes: new Uint8Array(new Int32Array([-7, 123456789]).buffer) }]])));
    const r = spawnSync(python!, ['-c', `import numpy as np\nz = np.load(${JSON.stringify(path)})\nprint(z['x'].dtype, z['x'].shape, z['x'].ravel().tolist(), z['i'].dtype, z['i'].tolist())`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`float32 (3, 1) [0.5, -1.25, ${String(Math.fround(3e-8)).replace('e-8', 'e-08')}] int32 [-7, 123456789]`);
  });
});

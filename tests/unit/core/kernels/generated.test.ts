// The committed kernel binary (src/core/kernels/kernels-wasm.generated.ts) is what its AssemblyScript
// sources compile to: the recorded source hash matches the sources, and a fresh compile gives the same file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../../src/core/kernels/base64';
import { KERNELS_WASM_BASE64, KERNELS_WASM_SOURCE_SHA256 } from '../../../../src/core/kernels/kernels-wasm.generated';
import { Rng } from '../../../../src/core/math/rng';

const root = new URL('../../../../', import.meta.url);
// Must list the same files, in the same order, as SOURCES in scripts/build-wasm.mjs.
const SOURCES = ['wasm/kernels.ts', 'wasm/matmul.ts', 'wasm/tiles.ts', 'wasm/layout.ts', 'wasm/elementwise.ts', 'wasm/batched.ts', 'wasm/batched-dense.ts', 'wasm/asconfig.json'];

describe('the generated kernel module', () => {
  it('records the hash of the current kernel sources (run `npm run build:wasm` after editing them)', () => {
    const h = createHash('sha256');
    for (const f of SOURCES) h.update(readFileSync(new URL(f, root))).update('\0');
    expect(KERNELS_WASM_SOURCE_SHA256).toBe(h.digest('hex'));
  });

  it('is byte for byte what a fresh compile produces', () => {
    const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr + r.stdout).toContain('matches a fresh compile');
    expect(r.status).toBe(0);
  });

  it('decodes to a valid WebAssembly module with the kernels the engine calls', () => {
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    expect(Buffer.from(bytes).equals(Buffer.from(KERNELS_WASM_BASE64, 'base64'))).toBe(true);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    expect(names.sort()).toEqual(['bAdam', 'bCount', 'bDenseBackward', 'bDenseForward', 'bGather', 'bGatherWithTargets', 'bMse', 'bPrelu', 'bPreluBackward', 'bScaleLanes', 'bShuffle', 'bSumSquares', 'denseBackward', 'denseForward', 'leakyRelu', 'leakyReluBackward', 'relu', 'reluBackward', 'sgd']);
  });
});

describe('decodeBase64', () => {
  it('agrees with Node on random bytes of every length modulo 3, padded or not', () => {
    const rng = new Rng(3);
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, () => rng.int(256)));
      const text = bytes.toString('base64');
      expect(Buffer.from(decodeBase64(text)).equals(bytes)).toBe(true);
      expect(Buffer.from(decodeBase64(text.replace(/=+$/, ''))).equals(bytes)).toBe(true);
    }
    expect(() => decodeBase64('ab$c')).toThrow(/invalid base64/);
  });
});

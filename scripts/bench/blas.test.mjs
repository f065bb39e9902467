// The BLAS choice's decisions, on made-up probe results (the real probe cannot show every case on one
// machine): `node --test scripts/bench/blas.test.mjs`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choosePeerBlas, coreTypeFromFlags, isFallback } from './blas.mjs';

const AVX512 = 'flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512dq avx512bw avx512vl\n';
const AVX2 = 'flags\t\t: fpu ssse3 sse4_2 avx avx2 fma\n';

/** A probe answer: OpenBLAS with `core` at `gflops`, or the reference BLAS when core is null. */
function answer(core, gflops) {
  const blas = core === null ? { kind: 'reference', libraries: ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3'], openblasCore: null } : { kind: 'openblas', libraries: ['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3'], openblasCore: core, openblasConfig: `OpenBLAS 0.3.21 DYNAMIC_ARCH ${core}` };
  return { torch: '1.13.0a0', numpy: '1.24.2', blas, torchMatmulGflops: gflops, numpyMatmulGflops: gflops, errors: [] };
}

/** A fake probe: OPENBLAS_CORETYPE value (null: unset) -> [core OpenBLAS reports, GFLOP/s]; records the calls. */
function fakeProbe(table) {
  const calls = [];
  const run = (_python, coretype) => {
    calls.push(coretype);
    const [core, gflops] = table[String(coretype)];
    return answer(core, gflops);
  };
  return { run, calls };
}

test('the core type from the CPU flags', () => {
  assert.equal(coreTypeFromFlags(AVX512), 'SkylakeX');
  assert.equal(coreTypeFromFlags(AVX2), 'Haswell');
  assert.equal(coreTypeFromFlags('flags\t\t: fpu sse4_2 avx\n'), 'Sandybridge');
  assert.equal(coreTypeFromFlags('flags\t\t: fpu sse2\n'), 'Prescott');
  assert.equal(coreTypeFromFlags('processor : 0\n'), null);
});

test('a fallback is a detected core older than the flags allow', () => {
  assert.equal(isFallback('Prescott', 'SkylakeX'), true);
  assert.equal(isFallback('Haswell', 'SkylakeX'), true);
  assert.equal(isFallback('Cooperlake', 'SkylakeX'), false);
  assert.equal(isFallback('Zen', 'Haswell'), false);
  assert.equal(isFallback('SomethingNew', 'Haswell'), true); // unknown to the list: measure the flags' type too
});

test("detection falls back to Prescott: the flags' SkylakeX is measured and kept when faster", () => {
  const p = fakeProbe({ null: ['Prescott', 18.8], SkylakeX: ['SkylakeX', 109] });
  const r = choosePeerBlas('py', true, { run: p.run, cpuinfo: () => AVX512, inherited: null });
  assert.deepEqual(p.calls, [null, 'SkylakeX']);
  assert.equal(r.chosen.coretype, 'SkylakeX');
  assert.equal(r.env.OPENBLAS_CORETYPE, 'SkylakeX');
  assert.equal(r.env.OPENBLAS_NUM_THREADS, '1');
  assert.equal(r.ratiosAllowed, true);
  assert.match(r.lines.join('\n'), /\* OpenBLAS 0\.3\.21 core SkylakeX \[OPENBLAS_CORETYPE=SkylakeX\]: 109\.0 GFLOP\/s/);
});

test('a core type that measures slower is not kept', () => {
  const p = fakeProbe({ null: ['Prescott', 40], SkylakeX: ['SkylakeX', 30] });
  const r = choosePeerBlas('py', true, { run: p.run, cpuinfo: () => AVX512, inherited: null });
  assert.equal(r.chosen.coretype, null);
  assert.equal('OPENBLAS_CORETYPE' in r.env, false);
});

test('an inherited OPENBLAS_CORETYPE that is slower than the detection is dropped', () => {
  const p = fakeProbe({ null: ['Cooperlake', 240], Haswell: ['Haswell', 125] });
  const r = choosePeerBlas('py', true, { run: p.run, cpuinfo: () => AVX512, inherited: 'Haswell' });
  assert.deepEqual(p.calls, [null, 'Haswell']);
  assert.equal(r.chosen.coretype, null);
  assert.equal('OPENBLAS_CORETYPE' in r.env, false);
  assert.match(r.lines.join('\n'), /Haswell from the environment\]: 125\.0/);
});

test('the reference BLAS: no ratios, and the fix is named', () => {
  const p = fakeProbe({ null: [null, 3] });
  const r = choosePeerBlas('py', true, { run: p.run, cpuinfo: () => AVX512, inherited: null });
  assert.deepEqual(p.calls, [null]);
  assert.equal(r.ratiosAllowed, false);
  assert.match(r.refusal, /reference BLAS/);
  assert.match(r.refusal, /apt-get install -y libopenblas0-pthread/);
});

test('a probe that fails makes the peers unavailable, with its reason', () => {
  const r = choosePeerBlas('py', true, { run: () => ({ error: "No module named 'torch'" }), cpuinfo: () => AVX512, inherited: null });
  assert.equal(r.unavailable, "No module named 'torch'");
});

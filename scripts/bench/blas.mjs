// The PyTorch peer at its best (issue 13, item 6): which BLAS Debian's PyTorch runs on, how fast, and the
// OPENBLAS_CORETYPE that makes it fastest on this CPU. The bench installs nothing: it measures the BLAS
// that is there, refuses ratios against the reference BLAS, and picks the core type by measuring.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./blas_probe.py', import.meta.url));

/**
 * OpenBLAS 0.3.21's x86-64 core types from oldest to newest kernel (the names openblas_get_corename and
 * OPENBLAS_CORETYPE use); a detected core earlier in this list than the CPU's flags allow is a fallback.
 */
const CORE_ORDER = ['generic', 'prescott', 'core2', 'penryn', 'dunnington', 'nehalem', 'atom', 'sandybridge', 'bulldozer', 'piledriver', 'steamroller', 'excavator', 'haswell', 'zen', 'skylakex', 'cooperlake', 'sapphirerapids'];

/** The OpenBLAS core type this CPU's /proc/cpuinfo flags can run: avx512f -> SkylakeX, avx2 -> Haswell, ... (null off x86 or without the file). */
export function coreTypeFromFlags(cpuinfo) {
  const line = cpuinfo.split('\n').find((l) => l.startsWith('flags'));
  if (line === undefined) return null;
  const flags = new Set(line.split(':')[1].trim().split(/\s+/));
  // avx512f alone is not enough for OpenBLAS's SkylakeX kernels: they also use the BW/DQ/VL forms.
  if (['avx512f', 'avx512bw', 'avx512dq', 'avx512vl'].every((f) => flags.has(f))) return 'SkylakeX';
  if (flags.has('avx2') && flags.has('fma')) return 'Haswell';
  if (flags.has('avx')) return 'Sandybridge';
  if (flags.has('sse4_2')) return 'Nehalem';
  if (flags.has('ssse3')) return 'Core2';
  return 'Prescott';
}

/** Whether OpenBLAS's detected core is an older (or generic) kernel than the one the flags allow. */
export function isFallback(detected, fromFlags) {
  if (detected === null || fromFlags === null) return false;
  const d = CORE_ORDER.indexOf(detected.toLowerCase());
  const f = CORE_ORDER.indexOf(fromFlags.toLowerCase());
  return d < 0 || (f >= 0 && d < f);
}

/** This process's environment for a one-thread Python peer with OPENBLAS_CORETYPE = `coretype` (null: unset, OpenBLAS detects). */
function peerEnv(coretype) {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  if (coretype !== null) env.OPENBLAS_CORETYPE = coretype;
  return env;
}

/** Runs blas_probe.py with OPENBLAS_CORETYPE set to `coretype` (null: unset): its JSON, or { error }. */
function probe(python, coretype, seconds) {
  const r = spawnSync(python, [PROBE, '--seconds', String(seconds)], { encoding: 'utf8', env: peerEnv(coretype) });
  if (r.status !== 0) return { error: r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`) };
  return JSON.parse(r.stdout);
}

/** The matmul rate a configuration is judged by: PyTorch's, or numpy's where PyTorch is missing (GFLOP/s). */
const rate = (c) => c.result.torchMatmulGflops ?? c.result.numpyMatmulGflops;

/** One measured configuration in a line: "OpenBLAS 0.3.21 core SkylakeX (OPENBLAS_CORETYPE=SkylakeX): 240 GFLOP/s". */
function describe(c) {
  const b = c.result.blas;
  const what = b.kind === 'openblas' ? `${b.openblasConfig.split(' ').slice(0, 2).join(' ')} core ${b.openblasCore}` : `${b.kind} BLAS (${b.libraries[0] ?? 'no library mapped'})`;
  const how = c.coretype === null ? (b.kind === 'openblas' ? 'OpenBLAS detects the core' : 'OPENBLAS_CORETYPE unset') : `OPENBLAS_CORETYPE=${c.coretype}${c.inherited ? ' from the environment' : ''}`;
  return `${what} [${how}]: ${rate(c).toFixed(1)} GFLOP/s`;
}

/**
 * Measures PyTorch's (else numpy's) single-thread 512-cube float32 matmul on candidate core types (best
 * of 3 interleaved rounds, 1 with `quick`); picks the fastest: the environment's OPENBLAS_CORETYPE (if set), OpenBLAS's own detection, and the CPU flags'
 * core type when the detection fell back to an older kernel. Returns { env (the whole environment for
 * every Python peer), chosen, candidates, lines (what to print), ratiosAllowed, refusal } or { unavailable: reason }.
 * The last argument replaces the probe process, /proc/cpuinfo and the inherited core type (blas.test.mjs).
 */
export function choosePeerBlas(python, quick, { run = probe, cpuinfo = () => readFileSync('/proc/cpuinfo', 'utf8'), inherited = process.env.OPENBLAS_CORETYPE ?? null } = {}) {
  const seconds = quick ? 0.2 : 0.6;
  const rounds = quick ? 1 : 3;
  const candidates = [];
  const measure = (coretype, why) => {
    if (candidates.some((c) => c.coretype === coretype)) return null;
    const result = run(python, coretype, seconds);
    if (result.error !== undefined || (result.torchMatmulGflops === null && result.numpyMatmulGflops === null)) return { error: result.error ?? result.errors.join('; ') };
    const c = { coretype, inherited: coretype !== null && coretype === inherited, why, result };
    candidates.push(c);
    return c;
  };
  const detected = measure(null, 'OpenBLAS detection');
  if (detected?.error !== undefined) return { unavailable: detected.error };
  let fromFlags = null;
  try {
    fromFlags = coreTypeFromFlags(cpuinfo());
  } catch {
    // Not Linux: no flags to read; OpenBLAS's detection stands.
  }
  const b = detected.result.blas;
  if (b.kind === 'openblas' && isFallback(b.openblasCore, fromFlags)) measure(fromFlags, `the detected core ${b.openblasCore} is older than the CPU flags allow (${fromFlags})`);
  if (inherited !== null && b.kind === 'openblas') measure(inherited, 'set in the environment');
  // More rounds, interleaved, each candidate keeping its best: a neighbour's burst of work slows one
  // probe, never speeds one up, so the best of a few is the configuration's own speed.
  for (let round = 1; round < rounds && candidates.length > 1; round++) {
    for (const c of candidates) {
      const again = run(python, c.coretype, seconds);
      if (again.error === undefined && rate({ result: again }) > rate(c)) c.result = again;
    }
  }
  const chosen = candidates.reduce((best, c) => (rate(c) > rate(best) ? c : best));
  const env = peerEnv(chosen.coretype);
  const lib = chosen.result.torch === null ? `numpy ${chosen.result.numpy} (PyTorch is missing)` : `PyTorch ${chosen.result.torch}`;
  const lines = [`${lib} BLAS (what the process mapped), single-thread 512-cube float32 matmul:`];
  for (const c of candidates) lines.push(`  ${c === chosen ? '*' : ' '} ${describe(c)}`);
  const kind = chosen.result.blas.kind;
  const refusal =
    kind === 'reference'
      ? `The peers run on the reference BLAS (${chosen.result.blas.libraries[0]}, ${rate(chosen).toFixed(1)} GFLOP/s; OpenBLAS does 20-240 on the CPUs this was measured on): ratios against it would flatter us, so none are printed. Fix: apt-get install -y libopenblas0-pthread (Debian's python3-torch and numpy then use OpenBLAS), and re-run.`
      : null;
  const numpyToo = chosen.result.torch !== null && chosen.result.numpyMatmulGflops !== null ? `; numpy's matmul on the same BLAS: ${chosen.result.numpyMatmulGflops.toFixed(1)} GFLOP/s` : '';
  lines.push(`  peers measured with ${chosen.coretype === null ? 'OPENBLAS_CORETYPE unset' : `OPENBLAS_CORETYPE=${chosen.coretype}`}, OPENBLAS_NUM_THREADS=1${numpyToo}`);
  return { env, chosen, candidates, lines, ratiosAllowed: refusal === null, refusal };
}

// The Python side of the training benchmark: Debian's python3, and the long-lived PyTorch server
// (torch_bench.py --serve) whose timed repetitions scripts/bench.mjs interleaves with the engine's.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Debian's python3, which has python3-torch and python3-numpy; not the first python3 on PATH. */
export const PYTHON = '/usr/bin/python3';
const TORCH_SCRIPT = fileURLToPath(new URL('./torch_bench.py', import.meta.url));

/** Whether Debian's python3 imports `module`: null, or why not in a few words. */
export function importFails(module) {
  const probe = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (probe.status === 0) return null;
  return probe.error ? probe.error.message : (probe.stderr.trim().split('\n').pop() ?? 'import failed');
}

/**
 * Starts the PyTorch server with the peers' environment `env` (BLAS threads and core type): { torch: {
 * version, blas, time(net, seconds), close() } }, or { torch: null, reason } when PyTorch is missing.
 */
export async function startTorch(env) {
  const missing = importFails('torch');
  if (missing !== null) return { torch: null, reason: `PyTorch not available (${PYTHON} -c 'import torch': ${missing}): measuring our engine only.` };
  const child = spawn(PYTHON, [TORCH_SCRIPT, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const read = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the PyTorch benchmark process exited early (see its error above)');
    return JSON.parse(value);
  };
  const hello = await read();
  return {
    torch: {
      version: hello.torch,
      blas: hello.blas,
      /** One timed repetition in the Python process: { steps, seconds, cpuSeconds }. */
      async time(net, seconds) {
        child.stdin.write(JSON.stringify({ net, seconds }) + '\n');
        return read();
      },
      close: () => child.stdin.end(),
    },
  };
}

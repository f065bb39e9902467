/**
 * Bundles the engine's worker_threads entry (src/main/engine-worker.ts) into a temporary .mjs that a
 * real `new Worker()` can run. Node 20 cannot start a .ts worker (no type stripping, and loader flags do
 * not reach the worker entry), so tests bundle it with Vite first: Node built-ins stay external, core and
 * valibot are inlined. The bundle is built once per process and removed when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const repoRoot = resolve(import.meta.dirname, '../..');

// The one cached build of this process (a test helper, so module state is acceptable here).
let bundled: Promise<string> | undefined;

/** Path of the bundled engine worker (.mjs); the first call builds it, later calls reuse that build. */
export function bundleEngineWorker(): Promise<string> {
  bundled ??= buildWorker();
  return bundled;
}

async function buildWorker(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'leaky-lab-worker-'));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    build: {
      ssr: resolve(repoRoot, 'src/main/engine-worker.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      copyPublicDir: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'engine-worker.mjs', codeSplitting: false } },
    },
    // ssr builds leave node_modules imports external by default; inline them so the .mjs stands alone.
    ssr: { noExternal: true, target: 'node' },
  });
  return join(outDir, 'engine-worker.mjs');
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/** The real CLI bundle, built once per test file into a fresh temp folder, run as a separate process as a user would. */
export interface CliBundle {
  /** The temp folder the CLI runs in (its working directory). */
  readonly dir: string;
  /** Runs `leaky-lab ARGS...` and returns its exit code and output. */
  run(...args: string[]): { code: number | null; out: string; err: string };
}

/** Builds the CLI with vite.cli.config.ts into a temp folder named after `prefix`. */
export async function buildCli(prefix: string): Promise<CliBundle> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const outDir = join(dir, 'build');
  await build({ configFile: join(root, 'vite.cli.config.ts'), build: { outDir } });
  const cli = join(outDir, 'leaky-lab.mjs');
  return {
    dir,
    run: (...args) => {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
  };
}

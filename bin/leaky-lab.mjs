#!/usr/bin/env node
// `npx leaky-lab`: runs the built CLI (out/cli/leaky-lab.mjs), building it first when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out/cli/leaky-lab.mjs');
if (!existsSync(cli)) {
  process.stderr.write('leaky-lab: building the command line (once)...\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'vite.cli.config.ts')], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
  if (r.status !== 0) {
    process.stderr.write('leaky-lab: the build failed; run `npm run build` to see why\n');
    process.exit(1);
  }
}
await import(pathToFileURL(cli).href);

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

/** The headless CLI: one self-contained ES module for Node 20 at out/cli/leaky-lab.mjs. */
export default defineConfig({
  root: import.meta.dirname,
  define: { __LEAKY_LAB_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'src/cli/index.ts'),
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    copyPublicDir: false,
    rolldownOptions: { output: { format: 'es', entryFileNames: 'leaky-lab.mjs', codeSplitting: false } },
  },
  ssr: { noExternal: true, target: 'node' },
});

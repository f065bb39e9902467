// Lint enforces the layers (DESIGN.md): dependencies point down only, and no layer reaches into a host
// it does not run on. tests/lint/layers.test.ts proves each rule fires on a bad fixture.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const hostModules = ['electron', 'electron/*', 'node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'svelte', 'svelte/*', 'pixi.js', 'pixi.js/*'];

const LAYERS_ABOVE_CORE = ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/loader/**', '../main', '../renderer', '../preload', '../cli', '../loader'];

/** Per core folder, the core folders above it, which it must not import. */
const CORE_ABOVE = {
  kernels: ['math', 'nn', 'data', 'stats', 'train', 'protocol', 'engine', 'lab', 'export', 'import'],
  math: ['nn', 'data', 'stats', 'train', 'protocol', 'engine', 'lab', 'export', 'import'],
  nn: ['data', 'stats', 'train', 'protocol', 'engine', 'lab', 'export', 'import'],
  data: ['nn', 'stats', 'train', 'protocol', 'engine', 'lab', 'export', 'import'],
  stats: ['data', 'train', 'protocol', 'engine', 'lab', 'export', 'import'],
  train: ['data', 'stats', 'protocol', 'engine', 'lab', 'export', 'import'],
  protocol: ['data', 'stats', 'train', 'engine', 'lab', 'export', 'import'],
  // The engine trains one session; the Lab (sweeps, studies) runs many of them, so it sits on top.
  engine: ['lab', 'export', 'import'],
  lab: ['export', 'import'],
  // The PyTorch export draws a session's numbers with the engine's code; nothing below uses it, and it
  // has nothing to do with the Lab.
  export: ['lab', 'import'],
  // Reading PyTorch files (state_dicts, .npz) into tensors: the hosts hand its result to the engine
  // (engine/start-weights.ts), which never imports it; it needs only protocol and what lies below.
  import: ['engine', 'lab', 'export'],
};

/** no-restricted-imports options forbidding the given module patterns, with a message saying why. */
function forbid(patterns, message) {
  return ['error', { patterns: [{ group: patterns, message }] }];
}

export default tseslint.config(
  // wasm/ is AssemblyScript (compiled by scripts/build-wasm.mjs), not TypeScript: its decorators do not parse here.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**', 'wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'setTimeout', 'setInterval', 'setImmediate', 'localStorage'],
    },
  },
  // Same seed, same bits on every host: Math's transcendental functions differ between V8 versions in
  // the last bit (Node 20 and Chromium 156 disagree on about 10% of Math.exp results), so core uses the
  // deterministic ones in src/core/math/dmath.ts; Math.random is not seeded at all.
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/math/dmath.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'pow', 'cbrt', 'hypot', 'random'].map((property) => ({
          object: 'Math',
          property,
          message: 'Not the same bits on every host: use src/core/math/dmath.ts (or the seeded Rng).',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='**'], AssignmentExpression[operator='**=']", message: '** is Math.pow: not the same bits on every host; use powInt from src/core/math/dmath.ts.' },
      ],
    },
  },
  // Inside core, each folder may import only the folders below it (lab on top, then engine, then protocol (messages,
  // specs, the experiment file format), then train, stats, data, nn, and math and kernels at the bottom).
  ...Object.entries(CORE_ABOVE).map(([folder, above]) => ({
    files: [`src/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': forbid(
        [...hostModules, ...LAYERS_ABOVE_CORE, ...above.map((f) => `../${f}/*`)],
        `src/core is host-free (no Electron, Node, DOM, Svelte or Pixi, nothing from main, renderer, preload, cli or loader), and core/${folder} may not import ${above.length ? above.join(', ') : 'nothing above it'}.`,
      ),
    },
  })),
  // src/loader reads the user's files into tables: host-agnostic (it runs in a Web Worker in the app and
  // in-process in the CLI), so core and papaparse only, no host modules or globals and no layer above it.
  {
    files: ['src/loader/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'self', 'localStorage'],
      'no-restricted-imports': forbid(
        [...hostModules, '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '../main', '../renderer', '../preload', '../cli'],
        'src/loader is host-agnostic (it runs in a Web Worker and in the CLI): core and papaparse only, no Electron, Node, Svelte or Pixi, nothing from main, renderer, preload or cli.',
      ),
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': forbid(
        ['electron', 'electron/*', 'node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', '**/main/**', '**/preload/**', '**/cli/**'],
        'src/renderer talks to the host only through the Host interface (preload bridge or Web Worker): no Node, Electron, main, preload or cli imports.',
      ),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['node:*', 'fs', 'path', 'os', 'child_process', 'svelte', 'pixi.js', '**/main/**', '**/renderer/**', '**/cli/**'],
        'src/preload is the narrow bridge: Electron IPC only, no Node modules and no other layers.',
      ),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['svelte', 'svelte/*', 'pixi.js', 'pixi.js/*', '**/renderer/**', '**/preload/**', '**/cli/**'],
        'src/main may use core but never the renderer, preload or cli layers.',
      ),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['electron', 'electron/*', 'svelte', 'svelte/*', 'pixi.js', 'pixi.js/*', '**/renderer/**', '**/preload/**', '**/main/index*'],
        'src/cli is headless: core and the worker entry only, no Electron or UI.',
      ),
    },
  },
);

#!/usr/bin/env node
// `node scripts/bench-load.mjs [--quick] [--json FILE]` (also the last part of `npm run bench`): how fast
// the dataset loader (src/loader, bundled with Vite as the app bundles it) reads a ~100 MB CSV with mixed
// numeric and categorical columns, against plain PapaParse on the same bytes in the same run.
//
// - Throughput: MB/s (file bytes / wall seconds) of loadTable (bytes -> typed Table) and of the fastest
//   plain PapaParse call (TextDecoder, then Papa.parse(text, { header: false, delimiter: ',', newline:
//   '\n' }): rows as arrays of strings, no typing, no worker), interleaved repetitions, median and range.
// - Memory: each side loads the file once in its own fresh Node process, which reports its peak RSS
//   (getrusage maxrss) and, for ours, the largest heap + array buffers seen at progress callbacks; the
//   figures are over the file size, from the process's memory just before reading the file.
//
// The file is generated once (seeded, so always the same bytes) in os.tmpdir() and reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(import.meta.dirname, '..');
const SELF = fileURLToPath(import.meta.url);

/** Seeded 32-bit generator (mulberry32): the same file on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLORS = ['red', 'green', 'blue', 'yellow', 'purple'];
const CITIES = Array.from({ length: 40 }, (_, i) => `city_${String.fromCharCode(97 + (i % 26))}${i}`);
const CLASSES = ['setosa', 'versicolor', 'virginica'];

/**
 * Writes the benchmark CSV (about `targetBytes`): a header, then rows of 8 numeric columns (floats with
 * 2-6 decimals, integers, a column with 1% missing cells), 3 categorical ones (5, 40 and 2,000 labels)
 * and a 3-class target. Returns its path; an existing file of the same name is reused.
 */
function ensureFile(targetBytes) {
  const path = join(os.tmpdir(), `leaky-lab-bench-load-${Math.round(targetBytes / 1e6)}mb-v1.csv`);
  if (existsSync(path) && statSync(path).size > targetBytes * 0.95) return path;
  const r = rng(20261127);
  const fd = openSync(path, 'w');
  let written = 0;
  const header = 'sepal_length,sepal_width,petal_length,petal_width,age,income,score,ratio,color,city,code,species\n';
  writeSync(fd, header);
  written += header.length;
  while (written < targetBytes) {
    let block = '';
    for (let i = 0; i < 2000; i++) {
      const cls = Math.floor(r() * 3);
      const row = [
        (4 + cls + r() * 2).toFixed(2),
        (2 + r() * 2.4).toFixed(2),
        (1 + cls * 2 + r() * 1.5).toFixed(3),
        (0.1 + cls * 0.8 + r()).toFixed(3),
        String(18 + Math.floor(r() * 70)),
        r() < 0.01 ? '' : String(Math.floor(10000 + r() * 150000)),
        (r() * 100 - 50).toFixed(6),
        (r() * 1e-3).toExponential(4),
        COLORS[Math.floor(r() * COLORS.length)],
        CITIES[Math.floor(r() * CITIES.length)],
        `K${Math.floor(r() * 2000)}`,
        CLASSES[cls],
      ];
      block += row.join(',') + '\n';
    }
    writeSync(fd, block);
    written += block.length;
  }
  closeSync(fd);
  return path;
}

/** Bundles src/loader/load-table.ts (papaparse inlined) into a temporary .mjs, as the app's build does. */
async function bundleLoader() {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(os.tmpdir(), 'leaky-lab-loader-'));
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    build: {
      ssr: resolve(repoRoot, 'src/loader/load-table.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      copyPublicDir: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'loader.mjs', codeSplitting: false } },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  return { path: join(outDir, 'loader.mjs'), dir: outDir };
}

/** The file's bytes as a plain Uint8Array over the Buffer's memory (no copy, which would double the bytes held). */
function readBytes(file) {
  const buf = readFileSync(file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Plain PapaParse, the fastest reasonable configuration: decode, then parse to arrays of strings. */
function papaLoad(Papa, bytes) {
  const text = new TextDecoder().decode(bytes);
  const res = Papa.parse(text, { header: false, delimiter: ',', newline: '\n', skipEmptyLines: false });
  return res.data.length;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Child mode: load the file once with one side and print its memory figures as JSON. */
async function child(side, file, loaderPath) {
  const Papa = (await import('papaparse')).default;
  const loader = await import(pathToFileURL(loaderPath).href);
  global.gc?.();
  const before = process.memoryUsage();
  const bytes = readBytes(file);
  let peakHeap = 0;
  let peakRss = 0;
  let progressCalls = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss);
  };
  let rows;
  if (side === 'ours') {
    const r = loader.loadTable(bytes, 'bench.csv', {
      onProgress: () => {
        progressCalls++;
        sample();
      },
    });
    if (!r.ok) throw new Error(r.message);
    rows = r.table.rows;
    sample();
  } else {
    rows = papaLoad(Papa, bytes);
    sample();
  }
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ side, rows, bytes: bytes.length, rssBefore: before.rss, maxRss, peakHeap, progressCalls }));
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2], args[3]);
  const quick = args.includes('--quick');
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
  const targetBytes = quick ? 10e6 : 100e6;
  const reps = quick ? 2 : 5;

  process.stderr.write(`dataset loading: generating or reusing a ${Math.round(targetBytes / 1e6)} MB CSV in ${os.tmpdir()} ...`);
  const file = ensureFile(targetBytes);
  const bundle = await bundleLoader();
  process.stderr.write(' done\n');
  try {
    const { loadTable } = await import(pathToFileURL(bundle.path).href);
    const Papa = (await import('papaparse')).default;
    const bytes = readBytes(file);
    const mb = bytes.length / 1e6;
    let rows = 0;
    let columns = 0;
    const runOurs = () => {
      const t0 = performance.now();
      const r = loadTable(bytes, 'bench.csv');
      const s = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(r.message);
      rows = r.table.rows;
      columns = r.table.columns.map((c) => c.kind[0]).join('');
      return mb / s;
    };
    const runPapa = () => {
      const t0 = performance.now();
      papaLoad(Papa, bytes);
      return mb / ((performance.now() - t0) / 1000);
    };
    // One untimed run each (compilation), then interleaved timed repetitions, alternating who goes first.
    runOurs();
    runPapa();
    const ours = [];
    const papa = [];
    for (let i = 0; i < reps; i++) {
      if (i % 2 === 0) ours.push(runOurs());
      papa.push(runPapa());
      if (i % 2 === 1) ours.push(runOurs());
      global.gc?.();
    }
    const memory = {};
    for (const side of ['ours', 'papa']) {
      const r = spawnSync(process.execPath, ['--expose-gc', SELF, '--child', side, file, bundle.path], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`memory child (${side}) failed: ${r.stderr}`);
      memory[side] = JSON.parse(r.stdout.trim().split('\n').pop());
    }
    const fmt = (x) => x.toFixed(1);
    const range = (xs) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
    const over = (m) => (m.maxRss - m.rssBefore) / m.bytes;
    console.log(`\nDataset loading (${new Date().toISOString()}): ${mb.toFixed(1)} MB CSV, ${rows.toLocaleString('en-US')} rows, columns ${columns} (n numeric, c categorical), ${reps} interleaved repetitions${quick ? ' (--quick: do not quote)' : ''}`);
    console.log('| loader | MB/s median (min-max) | peak RSS over file size | heap + array buffers over file size |');
    console.log('|---|---|---|---|');
    console.log(`| ours: loadTable (bytes to typed table) | ${range(ours)} | ${over(memory.ours).toFixed(2)}x | ${(memory.ours.peakHeap / memory.ours.bytes).toFixed(2)}x |`);
    console.log(`| PapaParse 5 (decode + parse to string arrays) | ${range(papa)} | ${over(memory.papa).toFixed(2)}x | - |`);
    console.log(`ours / PapaParse: ${(median(ours) / median(papa)).toFixed(2)}x throughput; progress callbacks during one load: ${memory.ours.progressCalls}.`);
    console.log('Peak RSS over file size: (maxrss of a fresh process that loads the file once - its RSS before reading) / file bytes; includes the file\'s own bytes (1x).');
    console.log('Heap + array buffers: the largest V8 heapUsed + arrayBuffers seen at progress callbacks, over file bytes (array buffers count their whole');
    console.log('allocated size, pages not yet written included, and the heap counts garbage not yet collected, so it can exceed the peak RSS).');
    if (over(memory.ours) > 3) console.log(`warning: our loader peaked at ${over(memory.ours).toFixed(2)}x the file size, over the 3x budget`);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ date: new Date().toISOString(), file: { bytes: bytes.length, rows }, ours, papa, memory }, null, 2) + '\n');
  } finally {
    rmSync(bundle.dir, { recursive: true, force: true });
  }
}

await main();

// The sides of the Lab's benchmarks (scripts/bench/lab.mjs): each runs one cell on every core and
// answers what it took and what it found (collapsed nets and final losses, or born-dead counts).
// Ours runs as a user runs it where the CLI has the command: the CLI bundle (built from this tree into
// out/bench-cli, as vite.cli.config.ts builds it), `--workers` = the number of cores; engine paths the CLI
// does not run yet run on worker threads of lab-worker.mjs. Each peer runs one Python process per core
// (scripts/bench/lab_peers.py), each with its share of the nets, all at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'out/bench-cli/leaky-lab.mjs');
const PEERS = fileURLToPath(new URL('./lab_peers.py', import.meta.url));
const WORKER = new URL('./lab-worker.mjs', import.meta.url);
/**
 * Builds the CLI bundle from the working tree into out/bench-cli (not out/cli, which tests use); returns
 * what it was built from: the commit, and the engine files with uncommitted changes (others may be
 * editing them while the bench runs: a figure of such a tree is of work in progress).
 */
export function buildCli() {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts', '--outDir', 'out/bench-cli', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the CLI build failed (see above)');
  const raw = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';
  const git = (args) => raw(args).trim();
  // Not trimmed: a porcelain line starts with a two-letter status that may begin with a space (" M path").
  const dirty = raw(['status', '--porcelain', '--', 'src/core', 'src/cli', 'wasm']).split('\n').filter(Boolean).map((l) => l.slice(3));
  return { commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown', dirty };
}

// GNU time, when there, reports a child's CPU seconds (user + system, all its threads).
const GNU_TIME = '/usr/bin/time';
const CPU_MARK = '@@cpu';

/** Runs a command to its end: { seconds (wall), cpuSeconds (or null without GNU time), stdout }; throws with its stderr when it fails. */
function timed(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const viaTime = existsSync(GNU_TIME);
    const child = viaTime ? spawn(GNU_TIME, ['-f', `${CPU_MARK} %U %S`, cmd, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      const mark = err.split('\n').find((l) => l.startsWith(CPU_MARK));
      const cpuSeconds = mark === undefined ? null : mark.split(' ').slice(1, 3).reduce((a, x) => a + Number(x), 0);
      if (code === 0) resolve({ seconds, cpuSeconds, stdout: out });
      else reject(new Error(`${path.basename(args[0] ?? cmd)} ${args.slice(1, 3).join(' ')} failed (exit ${code}): ${err.trim().split('\n').filter((l) => !l.startsWith(CPU_MARK) && !l.startsWith('Command exited with')).slice(-3).join(' / ')}`));
    });
  });
}

/** One Python peer process per core, each with its share of `nets`, all at once: { wall, seconds (slowest process's own timing), cpuSeconds (all processes), parts }. */
export async function peer(python, env, task, lib, nets, cores, extra) {
  const shares = Array.from({ length: cores }, (_, i) => Math.floor(nets / cores) + (i < nets % cores ? 1 : 0)).filter((n) => n > 0);
  const start = performance.now();
  const parts = await Promise.all(shares.map((n, i) => timed(python, [PEERS, task, '--lib', lib, '--nets', String(n), '--seed', String(i + 1), ...extra], env).then((r) => JSON.parse(r.stdout))));
  return { wall: (performance.now() - start) / 1000, seconds: Math.max(...parts.map((p) => p.seconds)), cpuSeconds: parts.reduce((s, p) => s + p.cpuSeconds, 0), parts };
}

/**
 * Trains the same nets in PyTorch (bmm and broadcast forms) and in numpy (lab_peers.py check): the numpy
 * peer's hand-written backward and Adam against autograd and torch.optim.Adam. { ok, line } with the figures.
 */
export function peerCheck(python, env, nets, steps) {
  const r = spawnSync(python, [PEERS, 'check', '--nets', String(nets), '--steps', String(steps)], { encoding: 'utf8', env });
  const c = r.stdout.trim() === '' ? null : JSON.parse(r.stdout);
  if (c === null) return { ok: false, line: `the numpy/PyTorch check failed to run: ${r.stderr.trim().split('\n').pop()}` };
  const what = `${nets} nets x ${steps} steps from the same data and weights: outputs differ by at most ${c.maxOutputDifference.toExponential(1)} (outputs up to ${c.outputScale.toFixed(2)}), collapsed ${c.collapsedTorch} in PyTorch with bmm, ${c.collapsedTorchBroadcast} with broadcast, ${c.collapsedNumpy} in numpy`;
  return { ok: c.ok, line: c.ok ? `peers checked against each other: ${what}.` : `warning: the peers do NOT compute the same thing: ${what}; their figures below are not comparable.` };
}

/** The shares of `n` items among `parts` (as equal as can be): [from, to) pairs, none empty. */
function split(n, parts) {
  const out = [];
  for (let i = 0, from = 0; i < parts; i++) {
    const to = from + Math.floor(n / parts) + (i < n % parts ? 1 : 0);
    if (to > from) out.push([from, to]);
    from = to;
  }
  return out;
}

/** One lab-worker.mjs thread per job, all at once: { wall (whole pool, module loading included), cpuSeconds, replies }. */
async function workerPool(jobs) {
  const start = performance.now();
  const cpu = process.cpuUsage(); // this process's threads: the workers' and (a small part) the main thread's
  const replies = await Promise.all(
    jobs.map(
      (job) =>
        new Promise((resolve, reject) => {
          const w = new Worker(WORKER, { workerData: job });
          w.once('message', (m) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, replies };
}

/** Our collapse cell through `leaky-lab sweep`: { seconds, collapsed, losses }. */
export async function oursCollapse(dir, nets, steps, cores) {
  const { collapseStudy } = await tsImport('../../src/core/lab/studies.ts', import.meta.url);
  // The study's ReLU / He-normal cell: its base with no axes is exactly that one cell.
  const sweep = { ...collapseStudy('abs', nets), steps, axes: [] };
  const file = path.join(dir, 'collapse-cell.json');
  const csv = path.join(dir, 'collapse-cell.csv');
  writeFileSync(file, JSON.stringify(sweep));
  const { seconds, cpuSeconds } = await timed(process.execPath, [CLI, 'sweep', file, '--workers', String(cores), '--out', csv, '--quiet']);
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const col = header.split(',');
  const at = (name) => col.indexOf(name);
  const cells = rows.map((r) => r.split(','));
  return { seconds, cpuSeconds, nets: cells.length, collapsed: cells.filter((c) => c[at('collapsed')] === '1').length, losses: cells.map((c) => Number(c[at('final_loss')])) };
}

/** Whether this tree's CLI has the born-dead command (its --help lists it). */
export function hasBornDead() {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  return r.stdout.includes('leaky-lab born-dead');
}

/** Our born-dead table on the core's bornDeadByDepth, one worker thread per core: { seconds, rows }. */
export async function oursBornDeadPool(nets, widths, cores) {
  const options = { inputDim: 1, depth: 9, widths, nets, init: 'he_normal', biasInit: 'zero', activation: 'relu', seed: 1 };
  const { wall, cpuSeconds, replies } = await workerPool(split(nets, cores).map(([from, to]) => ({ task: 'born-dead', options, from, to })));
  const rows = widths.map((w) => ({ width: w, bornDead: replies.reduce((s, r) => s + r.counts[w].reduce((a, c) => a + c, 0), 0) }));
  return { seconds: wall, cpuSeconds, rows };
}

/** Our born-dead table through `leaky-lab born-dead`: { seconds, rows: [{ width, bornDead (a count) }] }. */
export async function oursBornDead(dir, nets, widths) {
  const csv = path.join(dir, 'born.csv');
  const args = [CLI, 'born-dead', '--input-dim', '1', '--depth', '9', '--widths', widths.join(','), '--nets', String(nets), '--init', 'he_normal', '--bias-init', 'zero', '--out', csv];
  const { seconds, cpuSeconds } = await timed(process.execPath, args);
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const col = header.split(',');
  return { seconds, cpuSeconds, rows: rows.map((r) => r.split(',')).map((c) => ({ width: Number(c[col.indexOf('width')]), bornDead: Math.round(nets * Number(c[col.indexOf('born_dead')])) })) };
}

/** The collapse cell one network at a time (runSweepRun), one worker thread per core: { seconds, collapsed, losses }. */
export async function oursPerRun(nets, steps, cores) {
  const { wall, cpuSeconds, replies } = await workerPool(split(nets, cores).map(([from, to]) => ({ task: 'per-run', nets, steps, from, to })));
  return { seconds: wall, cpuSeconds, collapsed: replies.reduce((s, r) => s + r.collapsed, 0), losses: replies.flatMap((r) => r.losses) };
}

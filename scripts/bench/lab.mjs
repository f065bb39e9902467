// The Lab's benchmarks (issue 13, item 5): many small networks on every core, ours against PyTorch and
// numpy doing the same nets batched, with the same number of cores.
// Ours runs as a user runs it: the CLI bundle (built from this tree into out/bench-cli, as vite.cli.config.ts
// builds it) on a sweep file of the collapse study's cell, `--workers` = the number of cores. Each peer
// runs one Python process per core (scripts/bench/lab_peers.py), each with its share of the nets, all at
// once. The three sides take turns, never running at the same time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'out/bench-cli/leaky-lab.mjs');
const PEERS = fileURLToPath(new URL('./lab_peers.py', import.meta.url));
/** The issue's targets, with the same number of cores: ours at least this many times faster. */
export const TARGETS = { torch: 3, numpy: 20, bornDeadSeconds: 10 };

/** Builds the CLI bundle from the working tree into out/bench-cli (not out/cli, which tests use). */
function buildCli() {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts', '--outDir', 'out/bench-cli', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the CLI build failed (see above)');
}

/** Runs a command to its end: { seconds (wall), stdout }; throws with its stderr when it fails. */
function timed(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code === 0) resolve({ seconds, stdout: out });
      else reject(new Error(`${path.basename(args[0] ?? cmd)} ${args.slice(1, 3).join(' ')} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}

/** One Python peer process per core, each with its share of `nets`, all at once: { wall, seconds (slowest process's own timing), parts }. */
async function peer(python, env, task, lib, nets, cores, extra) {
  const shares = Array.from({ length: cores }, (_, i) => Math.floor(nets / cores) + (i < nets % cores ? 1 : 0)).filter((n) => n > 0);
  const start = performance.now();
  const parts = await Promise.all(shares.map((n, i) => timed(python, [PEERS, task, '--lib', lib, '--nets', String(n), '--seed', String(i + 1), ...extra], env).then((r) => JSON.parse(r.stdout))));
  return { wall: (performance.now() - start) / 1000, seconds: Math.max(...parts.map((p) => p.seconds)), parts };
}

/** Quantiles (10%, 50%, 90%) of a list of numbers. */
function quantiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return [q(0.1), q(0.5), q(0.9)];
}

/** Our collapse cell through `leaky-lab sweep`: { seconds, collapsed, losses }. */
async function oursCollapse(dir, nets, steps, cores) {
  const { collapseStudy } = await tsImport('../../src/core/lab/studies.ts', import.meta.url);
  // The study's ReLU / He-normal cell: its base with no axes is exactly that one cell.
  const sweep = { ...collapseStudy('abs', nets), steps, axes: [] };
  const file = path.join(dir, 'collapse-cell.json');
  const csv = path.join(dir, 'collapse-cell.csv');
  writeFileSync(file, JSON.stringify(sweep));
  const { seconds } = await timed(process.execPath, [CLI, 'sweep', file, '--workers', String(cores), '--out', csv, '--quiet']);
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const col = header.split(',');
  const at = (name) => col.indexOf(name);
  const cells = rows.map((r) => r.split(','));
  return { seconds, nets: cells.length, collapsed: cells.filter((c) => c[at('collapsed')] === '1').length, losses: cells.map((c) => Number(c[at('final_loss')])) };
}

/** Whether this tree's CLI has the born-dead command (its --help lists it). */
function hasBornDead() {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  return r.stdout.includes('leaky-lab born-dead');
}

/** Our born-dead table through `leaky-lab born-dead`: { seconds, rows: [{ width, bornDead }] }. */
async function oursBornDead(dir, nets, widths) {
  const csv = path.join(dir, 'born.csv');
  const args = [CLI, 'born-dead', '--input-dim', '1', '--depth', '9', '--widths', widths.join(','), '--nets', String(nets), '--init', 'he_normal', '--bias-init', 'zero', '--out', csv];
  const { seconds } = await timed(process.execPath, args);
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const col = header.split(',');
  return { seconds, rows: rows.map((r) => r.split(',')).map((c) => ({ width: Number(c[col.indexOf('width')]), bornDead: Number(c[col.indexOf('born_dead')]) })) };
}

/** "3.21x" or, when ratios are refused (reference BLAS, or the BLAS could not be probed), a dash. */
function ratio(peerSeconds, oursSeconds, allowed) {
  if (!allowed) return 'not printed (see the BLAS line)';
  const r = peerSeconds / oursSeconds;
  return `${r >= 1 ? r.toFixed(2) : r.toPrecision(2)}x`;
}

/**
 * Runs the Lab benchmarks and prints their tables. `peers`: { python, env, ratiosAllowed, torch, numpy }
 * (torch / numpy: whether each imports), or null to measure ours only. Returns the measured figures.
 */
export async function runLabBench({ quick, peers }) {
  const cores = os.availableParallelism();
  const nets = quick ? 20 : 500;
  const steps = quick ? 300 : 3000;
  const bornNets = quick ? 2000 : 20000;
  const widths = [2, 3, 5, 10];
  buildCli();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leaky-lab-bench-'));
  try {
    console.log(`\nLab: the collapse study's cell (${nets} nets of 1-(2x9)-1, ReLU, He normal, zero biases, |x| on 256 points, full batch, MSE, Adam lr 0.001, ${steps} steps)` + `, ${cores} cores for every side${quick ? ' (--quick: fewer nets and steps, smoke check only, do not quote)' : ''}`);
    process.stderr.write('lab: ours ...');
    const ours = await oursCollapse(dir, nets, steps, cores);
    const sides = [{ name: `ours (leaky-lab sweep --workers ${cores})`, seconds: ours.seconds, wall: ours.seconds, collapsed: ours.collapsed, losses: ours.losses, key: 'ours' }];
    for (const lib of ['torch', 'numpy']) {
      if (!peers?.[lib]) continue;
      process.stderr.write(` ${lib} ...`);
      const p = await peer(peers.python, peers.env, 'collapse', lib, nets, cores, ['--steps', String(steps)]);
      const label = lib === 'torch' ? `PyTorch (torch.bmm, ${p.parts.length} processes)` : `numpy (np.matmul, ${p.parts.length} processes)`;
      sides.push({ name: label, seconds: p.seconds, wall: p.wall, collapsed: p.parts.reduce((s, x) => s + x.collapsed, 0), losses: p.parts.flatMap((x) => x.finalLoss), key: lib });
    }
    process.stderr.write(' done\n');
    const oursSide = sides[0];
    console.log('| engine | seconds (process wall) | net-steps/s | collapsed | final MSE 10% / 50% / 90% | ours faster by | target |');
    console.log('|---|---:|---:|---:|---|---:|---|');
    for (const s of sides) {
      const [q1, q5, q9] = quantiles(s.losses);
      const vs = s.key === 'ours' ? '-' : ratio(s.seconds, oursSide.seconds, peers.ratiosAllowed);
      const target = s.key === 'ours' ? '-' : `>= ${TARGETS[s.key]}x: ${peers.ratiosAllowed ? (s.seconds / oursSide.seconds >= TARGETS[s.key] ? 'reached' : 'not reached') : 'not judged'}`;
      const secs = s.key === 'ours' ? s.seconds.toFixed(2) : `${s.seconds.toFixed(2)} (${s.wall.toFixed(2)})`;
      console.log(`| ${s.name} | ${secs} | ${Math.round((nets * steps) / s.seconds).toLocaleString('en-US')} | ${s.collapsed}/${nets} (${((100 * s.collapsed) / nets).toFixed(1)}%) | ${q1.toExponential(2)} / ${q5.toExponential(2)} / ${q9.toExponential(2)} | ${vs} | ${target} |`);
    }
    console.log("ours: the wall time of the whole `leaky-lab sweep` process (start-up and worker threads included); peers: the slowest process's own");
    console.log('training time, after Python, library import and set-up (its whole process wall time in brackets): the peers are timed at their best.');
    const result = { nets, steps, cores, collapse: sides.map(({ key, seconds, wall, collapsed }) => ({ key, seconds, wall, collapsed })) };

    if (!hasBornDead()) {
      console.log('\nLab: born-dead cell: `leaky-lab born-dead` is not in this tree yet (src/core/lab/born-dead.ts): not measured.');
      return result;
    }
    console.log(`\nLab: the born-dead table (${bornNets.toLocaleString('en-US')} nets per width, widths ${widths.join(', ')}, depth 9, He normal, zero biases, 1-D input)`);
    process.stderr.write('lab born-dead: ours ...');
    const bornOurs = await oursBornDead(dir, bornNets, widths);
    const born = [{ name: 'ours (leaky-lab born-dead)', seconds: bornOurs.seconds, wall: bornOurs.seconds, rows: bornOurs.rows, key: 'ours' }];
    for (const lib of ['torch', 'numpy']) {
      if (!peers?.[lib]) continue;
      process.stderr.write(` ${lib} ...`);
      const p = await peer(peers.python, peers.env, 'born-dead', lib, bornNets, cores, ['--widths', widths.join(',')]);
      const rows = widths.map((w) => ({ width: w, bornDead: p.parts.reduce((s, x) => s + x.rows.find((r) => r.width === w).bornDead, 0) }));
      born.push({ name: `${lib === 'torch' ? 'PyTorch (torch.bmm' : 'numpy (np.matmul'}, ${p.parts.length} processes, ${p.parts[0].points} grid points)`, seconds: p.seconds, wall: p.wall, rows, key: lib });
    }
    process.stderr.write(' done\n');
    console.log(`| engine | seconds | ${widths.map((w) => `born dead, width ${w}`).join(' | ')} | ours faster by | target |`);
    console.log(`|---|---:|${widths.map(() => '---:').join('|')}|---:|---|`);
    for (const s of born) {
      const share = widths.map((w) => `${((100 * (s.rows.find((r) => r.width === w)?.bornDead ?? NaN)) / bornNets).toFixed(2)}%`);
      const vs = s.key === 'ours' ? '-' : ratio(s.seconds, born[0].seconds, peers.ratiosAllowed);
      const target = s.key === 'ours' ? `< ${TARGETS.bornDeadSeconds} s: ${s.seconds < TARGETS.bornDeadSeconds ? 'reached' : 'not reached'}` : '-';
      console.log(`| ${s.name} | ${s.key === 'ours' ? s.seconds.toFixed(2) : `${s.seconds.toFixed(2)} (${s.wall.toFixed(2)})`} | ${share.join(' | ')} | ${vs} | ${target} |`);
    }
    return { ...result, bornDead: born.map(({ key, seconds, wall, rows }) => ({ key, seconds, wall, rows })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

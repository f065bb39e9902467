// The Lab's benchmarks (issue 13, item 5): many small networks on every core, ours against PyTorch and
// numpy doing the same nets batched, with the same number of cores (the sides: lab-sides.mjs). Part of
// `npm run bench`; alone: `node scripts/bench/lab.mjs [--quick]` (chooses the peers' BLAS the same way). The sides
// take turns, never running at the same time, and each table shows what each side found (collapsed
// nets, final losses, born-dead shares) so that a reader can check that they computed the same thing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { choosePeerBlas } from './blas.mjs';
import { buildCli, hasBornDead, oursPerRun, oursBornDead, oursBornDeadPool, oursCollapse, peer, peerCheck } from './lab-sides.mjs';

/** The issue's targets, with the same number of cores: ours at least this many times faster; the born-dead table in under 10 s. */
export const TARGETS = { torch: 3, numpy: 20, bornDeadSeconds: 10 };

/** Quantiles (10%, 50%, 90%) of a list of numbers. */
function quantiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return [q(0.1), q(0.5), q(0.9)];
}

/** "3.21x" (how many times faster ours is), or why no ratio is printed. */
function ratio(peerSeconds, oursSeconds, allowed) {
  if (!allowed) return 'not printed (see the BLAS lines)';
  const r = peerSeconds / oursSeconds;
  return `${r >= 1 ? r.toFixed(2) : r.toPrecision(2)}x`;
}

/** "reached" / "not reached" for a peer row against the CLI's time, or a dash. */
function verdict(side, ours, allowed) {
  if (side.peer === undefined) return '-';
  if (!allowed) return 'not judged';
  return `>= ${TARGETS[side.peer]}x: ${side.seconds / ours >= TARGETS[side.peer] ? 'reached' : 'not reached'}`;
}

/**
 * A peer's measurement, or null after printing why it failed: a broken peer costs its row, not the bench.
 * Warns when one of its processes ran on another BLAS core than the one chosen for the peers (`core`).
 */
async function peerOrNull(name, measure, core) {
  try {
    const p = await measure();
    const other = p.parts.map((x) => x.blas?.openblasCore ?? null).find((c) => c !== core);
    if (core !== undefined && other !== undefined) console.log(`warning: ${name} ran on BLAS core ${other}, not the ${core} measured for the peers`);
    return p;
  } catch (e) {
    console.log(`\n${name}: failed, not measured (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}

/** CPU seconds of a side (all its threads or processes, over its timed work) and their share of the cores over its seconds, or a dash. */
function cpuCell(s, cores) {
  if (s.cpuSeconds === null || s.cpuSeconds === undefined) return '-';
  return `${s.cpuSeconds.toFixed(1)} (${Math.round((100 * s.cpuSeconds) / (s.seconds * cores))}%)`;
}

/** Time cell: ours, the whole pool or process; a peer, its slowest process's own timing with the processes' wall in brackets. */
function secondsCell(s) {
  return s.peer === undefined ? s.seconds.toFixed(2) : `${s.seconds.toFixed(2)} (${s.wall.toFixed(2)})`;
}

/** The collapse study's cell: every side, then the table. */
async function collapseCell(dir, nets, steps, cores, peers, quick) {
  console.log(`\nLab: the collapse study's cell (${nets} nets of 1-(2x9)-1, ReLU, He normal, zero biases, |x| on 256 points, full batch, MSE, Adam lr 0.001, ${steps} steps), ${cores} cores for every side${quick ? ' (--quick: fewer nets and steps, smoke check only, do not quote)' : ''}`);
  if (peers.torch && peers.numpy) console.log(peerCheck(peers.python, peers.env, 20, quick ? 100 : 300).line);
  process.stderr.write('lab collapse: ours (CLI) ...');
  const sides = [];
  const cli = await oursCollapse(dir, nets, steps, cores);
  sides.push({ name: `ours: \`leaky-lab sweep --workers ${cores}\``, ...cli, wall: cli.seconds });
  // The CLI trains a cell's runs together on the batched path (core/lab/sweep-batch.ts); one run at a time, for comparison.
  process.stderr.write(' ours (one net at a time) ...');
  const one = await oursPerRun(nets, steps, cores);
  sides.push({ name: `ours, one net at a time (runSweepRun, ${cores} worker threads)`, ...one, wall: one.seconds });
  // The batched path must give every run the bits of the single-network path: check it on the whole cell.
  const differ = one.losses.filter((l, i) => !Object.is(l, cli.losses[i])).length + Math.max(0, cli.losses.length - one.losses.length);
  const same = differ === 0 && cli.collapsed === one.collapsed;
  console.log(same ? `the CLI's batched runs and the one-at-a-time runs agree: the same final loss for all ${nets} runs, the same ${cli.collapsed} collapsed.` : `warning: the CLI's batched path and the one-at-a-time path DIFFER: ${differ} of ${nets} final losses, ${cli.collapsed} against ${one.collapsed} collapsed (the batched path must give the same bits).`);
  // PyTorch twice: with torch.bmm, as the issue names it, and with the same sums as a broadcast multiply
  // and sum, which is faster for 2 x 2 weights; the target is judged against the faster.
  const variants = [
    ['torch', 'bmm', (n) => `PyTorch (torch.bmm, autograd, optim.Adam; ${n} processes)`],
    ['torch', 'broadcast', (n) => `PyTorch (broadcast multiply + sum instead of bmm, autograd, optim.Adam; ${n} processes)`],
    ['numpy', 'matmul', (n) => `numpy (np.matmul, hand-written backward and Adam; ${n} processes)`],
  ];
  for (const [lib, form, label] of variants) {
    if (!peers[lib]) continue;
    process.stderr.write(` ${lib} (${form}) ...`);
    const p = await peerOrNull(label(cores), () => peer(peers.python, peers.env, 'collapse', lib, nets, cores, ['--steps', String(steps), ...(lib === 'torch' ? ['--form', form] : [])]), peers.core);
    if (p === null) continue;
    sides.push({ name: label(p.parts.length), peer: lib, seconds: p.seconds, wall: p.wall, cpuSeconds: p.cpuSeconds, collapsed: p.parts.reduce((s, x) => s + x.collapsed, 0), losses: p.parts.flatMap((x) => x.finalLoss) });
  }
  process.stderr.write(' done\n');
  // Ratios against what a user gets: the CLI.
  const cliSeconds = sides[0].seconds;
  console.log('| engine | seconds | CPU s (share of the cores) | net-steps/s | collapsed | final MSE 10% / 50% / 90% | ours (CLI) faster by | target |');
  console.log('|---|---:|---:|---:|---:|---|---:|---|');
  for (const s of sides) {
    const [q1, q5, q9] = quantiles(s.losses);
    const vs = s.peer === undefined ? '-' : ratio(s.seconds, cliSeconds, peers.ratiosAllowed);
    const rate = Math.round((nets * steps) / s.seconds).toLocaleString('en-US');
    console.log(`| ${s.name} | ${secondsCell(s)} | ${cpuCell(s, cores)} | ${rate} | ${s.collapsed}/${nets} (${((100 * s.collapsed) / nets).toFixed(1)}%) | ${q1.toExponential(2)} / ${q5.toExponential(2)} / ${q9.toExponential(2)} | ${vs} | ${verdict(s, cliSeconds, peers.ratiosAllowed)} |`);
  }
  for (const lib of ['torch', 'numpy']) {
    const best = sides.filter((x) => x.peer === lib).sort((a, b) => a.seconds - b.seconds)[0];
    if (best === undefined || !peers.ratiosAllowed) continue;
    const r = best.seconds / cliSeconds;
    console.log(`Against the fastest ${lib === 'torch' ? 'PyTorch' : 'numpy'} row: ours (CLI) ${ratio(best.seconds, cliSeconds, true)}; target >= ${TARGETS[lib]}x ${r >= TARGETS[lib] ? 'reached' : 'not reached'}.`);
  }
  console.log('ours: the wall time of the whole CLI process or worker pool (start-up and module loading included); peers: the slowest');
  console.log("process's own training time, after Python start-up, imports and set-up (all processes' wall time in brackets): peers at their best.");
  console.log('CPU s: all threads or processes of a side; its share of the cores over its seconds (less than 100%: other processes took them).');
  console.log('final MSE: ours, the smoothed training loss the sweep records; peers, the MSE of the trained nets on their points.');
  return sides.map(({ name, peer: p, seconds, wall, collapsed }) => ({ name, peer: p ?? null, seconds, wall, collapsed }));
}

/** The born-dead table: every side, then the table. */
async function bornDeadCell(dir, nets, cores, peers) {
  const widths = [2, 3, 5, 10];
  const viaCli = hasBornDead();
  console.log(`\nLab: the born-dead table (${nets.toLocaleString('en-US')} nets per width, widths ${widths.join(', ')}, depth 9, He normal, zero biases, 1-D input on [-sqrt(3), sqrt(3)])`);
  if (!viaCli) console.log(`\`leaky-lab born-dead\` is not in this tree's CLI yet: ours is the core's bornDeadByDepth (src/core/lab/born-dead.ts) on ${cores} worker threads.`);
  process.stderr.write('lab born-dead: ours ...');
  const sides = [];
  const ours = viaCli ? await oursBornDead(dir, nets, widths) : await oursBornDeadPool(nets, widths, cores);
  sides.push({ name: viaCli ? '`leaky-lab born-dead` (exact on the interval)' : `ours: bornDeadByDepth, ${cores} worker threads (exact on the interval)`, ...ours, wall: ours.seconds });
  for (const lib of ['torch', 'numpy']) {
    if (!peers[lib]) continue;
    process.stderr.write(` ${lib} ...`);
    const p = await peerOrNull(lib, () => peer(peers.python, peers.env, 'born-dead', lib, nets, cores, ['--widths', widths.join(',')]), peers.core);
    if (p === null) continue;
    const rows = widths.map((w) => ({ width: w, bornDead: p.parts.reduce((s, x) => s + x.rows.find((r) => r.width === w).bornDead, 0) }));
    sides.push({ name: `${lib === 'torch' ? 'PyTorch (torch.bmm' : 'numpy (np.matmul'}, ${p.parts.length} processes, a ${p.parts[0].points}-point grid)`, peer: lib, seconds: p.seconds, wall: p.wall, cpuSeconds: p.cpuSeconds, rows });
  }
  process.stderr.write(' done\n');
  console.log(`| engine | seconds | CPU s (share of the cores) | ${widths.map((w) => `born dead, width ${w}`).join(' | ')} | ours faster by | target |`);
  console.log(`|---|---:|---:|${widths.map(() => '---:').join('|')}|---:|---|`);
  for (const s of sides) {
    const share = widths.map((w) => `${((100 * s.rows.find((r) => r.width === w).bornDead) / nets).toFixed(2)}%`);
    const vs = s.peer === undefined ? '-' : ratio(s.seconds, sides[0].seconds, peers.ratiosAllowed);
    const target = s.peer === undefined ? `< ${TARGETS.bornDeadSeconds} s: ${s.seconds < TARGETS.bornDeadSeconds ? 'reached' : 'not reached'}` : '-';
    console.log(`| ${s.name} | ${secondsCell(s)} | ${cpuCell(s, cores)} | ${share.join(' | ')} | ${vs} | ${target} |`);
  }
  return sides.map(({ name, peer: p, seconds, wall, rows }) => ({ name, peer: p ?? null, seconds, wall, rows }));
}

/**
 * Runs the Lab benchmarks and prints their tables. `peers`: { python, env (the Python peers' environment),
 * ratiosAllowed, torch, numpy (whether each imports), core (the OpenBLAS core chosen for them, if any) }.
 * Returns the measured figures.
 */
export async function runLabBench({ quick, peers }) {
  const cores = os.availableParallelism();
  const built = buildCli();
  console.log(`\nLab: ours is built from ${built.commit}${built.dirty.length === 0 ? ' (no uncommitted engine changes)' : ` with uncommitted changes in ${built.dirty.join(', ')}: work in progress, not a commit`}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leaky-lab-bench-'));
  try {
    const collapse = await collapseCell(dir, quick ? 20 : 500, quick ? 300 : 3000, cores, peers, quick);
    const bornDead = await bornDeadCell(dir, quick ? 2000 : 20000, cores, peers);
    return { cores, built, collapse, bornDead };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const python = '/usr/bin/python3';
  const imports = (m) => spawnSync(python, ['-c', `import ${m}`]).status === 0;
  const [torch, numpy] = [imports('torch'), imports('numpy')];
  const blas = torch || numpy ? choosePeerBlas(python, quick) : { unavailable: `neither PyTorch nor numpy imports in ${python}: measuring ours only` };
  for (const line of blas.lines ?? [blas.unavailable]) console.log(line);
  if (blas.refusal) console.log(blas.refusal);
  const ok = blas.unavailable === undefined;
  await runLabBench({ quick, peers: { python, env: ok ? blas.env : process.env, ratiosAllowed: ok && blas.ratiosAllowed, torch, numpy, core: ok ? blas.chosen.result.blas.openblasCore : undefined } });
}

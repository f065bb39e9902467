#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --json FILE] [-- --only PART,...]`: training steps per second of our engine against PyTorch
// on the four benchmark networks (scripts/bench/networks.mjs), one thread, float32, SGD with momentum;
// then the Lab's many-network cells against PyTorch and numpy on every core (scripts/bench/lab.mjs).
// PyTorch is measured at its best: the BLAS and OpenBLAS core type are chosen by measuring first
// (scripts/bench/blas.mjs), and no ratio is printed against the reference BLAS.
// The engine runs in this process (TypeScript loaded through tsx); PyTorch runs in one long-lived
// Debian python3 process (scripts/bench/torch_bench.py --serve). Their timed repetitions alternate, one at
// a time, so that the noise of this shared 2-core machine hits both and they never compete for a core.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { choosePeerBlas } from './bench/blas.mjs';
import { runLabBench } from './bench/lab.mjs';
import { importFails, PYTHON, startTorch } from './bench/torch-server.mjs';
import { NETWORKS, gflops, macsPerSample } from './bench/networks.mjs';


/** The parts of the bench, in the order they run; `--only` picks some. */
const PARTS = ['training', 'lab', 'snapshots', 'monitor', 'load', 'open', 'renderer'];

/** Parses --quick, --json FILE and --only PART,...; exits with usage on anything else. */
function parseArgs(argv) {
  const opts = { quick: false, json: null, only: new Set(PARTS) };
  const usage = `usage: npm run bench -- [--quick] [--json FILE] [--only PART,...] (parts: ${PARTS.join(', ')})`;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') opts.quick = true;
    else if (argv[i] === '--json' && argv[i + 1]) opts.json = argv[++i];
    else if (argv[i] === '--only' && argv[i + 1]) {
      const parts = argv[++i].split(',');
      const bad = parts.find((p) => !PARTS.includes(p));
      if (bad !== undefined) {
        console.error(`--only: there is no part "${bad}"; ${usage}`);
        process.exit(2);
      }
      opts.only = new Set(parts);
    } else {
      console.error(usage);
      process.exit(2);
    }
  }
  return opts;
}

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, minimum and maximum of per-repetition rates. */
function summary(rates) {
  return { rates, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

/** Formats a rate with thousands separators and a sensible number of decimals. */
function fmt(x) {
  return x.toLocaleString('en-US', { maximumFractionDigits: x < 10 ? 2 : x < 100 ? 1 : 0 });
}

/** A steps/s cell: median and the min-max spread of the repetitions. */
function cell(s) {
  return `${fmt(s.median)} (${fmt(s.min)}-${fmt(s.max)})`;
}

/** A speed ratio with two significant decimals ("0.034x", "2.55x"). */
function ratioText(r) {
  return `${r >= 1 ? r.toFixed(2) : r.toPrecision(2)}x`;
}

/** Prints a Markdown table (so docs/benchmarks.md can take it verbatim). */
function printTable(header, rows) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

const opts = parseArgs(process.argv.slice(2));
const want = (part) => opts.only.has(part);
// Quick is a smoke check only: its repetitions are far too short to quote.
const timing = opts.quick ? { warmup: 0.2, reps: 3, seconds: 0.3 } : { warmup: 1.5, reps: 5, seconds: 1.5 };
const { EngineBench } = await tsImport('./bench/engine.ts', import.meta.url);
// The BLAS first: every Python peer (the training server, the Lab's processes) gets the fastest setting.
const numpyMissing = importFails('numpy');
const blas = importFails('torch') === null || numpyMissing === null ? choosePeerBlas(PYTHON, opts.quick) : null;
if (blas?.unavailable !== undefined) console.log(`The BLAS probe failed (${blas.unavailable}): the peers are measured as they come, ratios are not printed.`);
const peerBlas = blas?.unavailable === undefined ? blas : null;
const { torch, reason } = await startTorch(peerBlas?.env ?? process.env);
const ratiosAllowed = torch !== null && peerBlas !== null && peerBlas.ratiosAllowed;

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  node: process.version,
  torch: torch?.version ?? null,
};
console.log(`${new Date().toISOString()}  ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}` + (torch ? `, PyTorch ${torch.version}` : ''));
console.log(`warm-up ${timing.warmup} s, then ${timing.reps} timed repetitions of >= ${timing.seconds} s each per engine, interleaved${opts.quick ? ' (--quick: smoke check, do not quote)' : ''}`);
if (reason) console.log(reason);
for (const line of peerBlas?.lines ?? []) console.log(line);
if (peerBlas?.refusal) console.log(peerBlas.refusal);
if (torch && peerBlas && torch.blas.openblasCore !== peerBlas.chosen.result.blas.openblasCore) console.log(`warning: the PyTorch training process runs on core ${torch.blas.openblasCore}, not the ${peerBlas.chosen.result.blas.openblasCore} measured above`);

const results = [];
for (const net of want('training') ? NETWORKS : []) {
  process.stderr.write(`${net.name} batch ${net.batch} ...`);
  const ours = new EngineBench(net, 1);
  const rate = (t) => t.steps / t.seconds;
  ours.time(timing.warmup);
  if (torch) await torch.time(net, timing.warmup);
  const oursRates = [];
  const torchRates = [];
  // CPU seconds per wall second of each side: below 1 means other processes took the core for a while;
  // above 1 for PyTorch means it used more than one thread.
  const cpu = { ours: 0, oursWall: 0, torch: 0, torchWall: 0 };
  const runOurs = () => {
    const before = process.cpuUsage();
    const t = ours.time(timing.seconds);
    const used = process.cpuUsage(before);
    oursRates.push(rate(t));
    cpu.ours += (used.user + used.system) / 1e6;
    cpu.oursWall += t.seconds;
  };
  const runTorch = async () => {
    const t = await torch.time(net, timing.seconds);
    torchRates.push(rate(t));
    cpu.torch += t.cpuSeconds;
    cpu.torchWall += t.seconds;
  };
  for (let rep = 0; rep < timing.reps; rep++) {
    // Alternate who goes first, so that neither always runs right after the other.
    if (rep % 2 === 0) runOurs();
    if (torch) await runTorch();
    if (rep % 2 === 1) runOurs();
  }
  process.stderr.write(' done\n');
  const o = summary(oursRates);
  const t = torch ? summary(torchRates) : null;
  const ratio = t && ratiosAllowed ? o.median / t.median : null;
  // Each repetition's ratio against its neighbouring PyTorch repetition: the spread the noise leaves.
  const paired = t ? oursRates.map((r, i) => r / torchRates[i]) : null;
  results.push({
    name: net.name,
    batch: net.batch,
    macsPerSample: macsPerSample(net),
    ours: { ...o, gflops: gflops(net, o.median), cpuPerWall: cpu.ours / cpu.oursWall },
    torch: t && { ...t, cpuPerWall: cpu.torch / cpu.torchWall },
    ratio,
    pairedRatios: paired,
    target: net.target,
    reached: ratio === null ? null : ratio >= net.target,
  });
  if (t && cpu.torch / cpu.torchWall > 1.2) console.log(`warning: PyTorch used ${(cpu.torch / cpu.torchWall).toFixed(2)} CPU-seconds per second on ${net.name}: not single-threaded`);
}
torch?.close();

if (want('training')) console.log('');
if (want('training')) printTable(
  ['network', 'batch', 'ours steps/s (min-max)', 'ours GFLOP/s', ...(torch ? ['PyTorch steps/s (min-max)', 'ours / PyTorch (paired min-max)', 'target', 'reached'] : [])],
  results.map((r) => [
    r.name,
    String(r.batch),
    cell(r.ours),
    r.ours.gflops.toFixed(2),
    ...(torch ? [cell(r.torch), ratiosAllowed ? `${ratioText(r.ratio)} (${ratioText(Math.min(...r.pairedRatios))}-${ratioText(Math.max(...r.pairedRatios))})` : 'refused (reference BLAS)', `>= ${r.target}x`, r.reached === null ? 'not judged' : r.reached ? 'yes' : 'no'] : []),
  ]),
);
const share = (r) => `${r.name} ${r.ours.cpuPerWall.toFixed(2)}` + (r.torch ? `/${r.torch.cpuPerWall.toFixed(2)}` : '');
if (want('training')) {
  console.log(`\nCPU seconds per wall second (1.00 = a whole core; less = other processes took it), ours${torch ? '/PyTorch' : ''}: ${results.map(share).join(', ')}`);
  console.log('steps/s: median of the repetitions (min-max); ratio: of the medians, with the min-max of the ratios of');
  console.log('neighbouring repetitions; GFLOP/s = 6 x MACs per sample x batch x steps/s (forward 2 flops per MAC, backward 4).');
}

// The Lab: many small networks on every core, against PyTorch and numpy batched (same BLAS settings).
if (want('lab') && (torch === null || numpyMissing !== null)) console.log(`\nLab peers: ${[torch === null ? 'PyTorch' : null, numpyMissing !== null ? 'numpy' : null].filter(Boolean).join(' and ')} not available in ${PYTHON}: measuring without ${torch === null && numpyMissing !== null ? 'them' : 'it'}.`);
const lab = !want('lab') ? null : await runLabBench({ quick: opts.quick, peers: { python: PYTHON, env: peerBlas?.env ?? process.env, ratiosAllowed: peerBlas?.ratiosAllowed ?? false, torch: torch !== null, numpy: numpyMissing === null, core: peerBlas?.chosen.result.blas.openblasCore } });

// What snapshots cost: the default live session (two lanes of 2-16-16-2, probes every 10 steps) with
// snapshots flowing at about 30 per second against the same session with them stopped, interleaved.
const snapshotCost = want('snapshots') ? await snapshotBench() : null;

/** The snapshot cost and the desktop relay's copy cost: prints both, returns the former. */
async function snapshotBench() {
  const { stepsPerSecond } = await tsImport('./bench/snapshot-cost.ts', import.meta.url);
  const snapshotReps = opts.quick ? 1 : 3;
  const snapshotSeconds = opts.quick ? 0.5 : 2;
  const on = [];
  const off = [];
  // One untimed pair first: the session's code is compiled during it, not during the first timed run.
  await stepsPerSecond(true, snapshotSeconds);
  await stepsPerSecond(false, snapshotSeconds);
  for (let i = 0; i < snapshotReps; i++) {
    on.push(await stepsPerSecond(true, snapshotSeconds));
    off.push(await stepsPerSecond(false, snapshotSeconds));
  }
  const snapshotCost = {
    withSnapshots: median(on.map((r) => r.rate)),
    without: median(off.map((r) => r.rate)),
    snapshotsPerSecond: median(on.map((r) => r.snapshots / snapshotSeconds)),
  };
  console.log(
    `\nSnapshot cost (default session, ${snapshotReps} x ${snapshotSeconds} s each way): ${fmt(snapshotCost.withSnapshots)} steps/s with ${snapshotCost.snapshotsPerSecond.toFixed(0)} snapshots/s, ` +
      `${fmt(snapshotCost.without)} without: ${((100 * snapshotCost.withSnapshots) / snapshotCost.without).toFixed(1)}% of the throughput (the budget: at least 90%).`,
  );

  // The desktop relay copies each snapshot (MessagePortMain transfers only ports): its structured-clone cost.
  const { snapshotCloneCosts } = await tsImport('./bench/snapshot-clone.ts', import.meta.url);
  const cloneCosts = snapshotCloneCosts(opts.quick ? 20 : 300);
  console.log('\n| snapshot (desktop relay copy) | boundary grid | size | serialize + deserialize | at 30 snapshots/s |');
  console.log('|---|---|---:|---:|---:|');
  for (const c of cloneCosts) console.log(`| ${c.session} | ${c.withBoundary ? 'yes' : 'no'} | ${(c.bytes / 1024).toFixed(0)} KB | ${c.micros.toFixed(0)} µs | ${((c.micros * 30) / 10000).toFixed(2)}% of a core |`);
  return snapshotCost;
}

// The PyTorch monitor (python/leaky_lab_monitor.py) on a 784-512-512-10 MLP: its cost per training step.
const monitorCost = want('monitor') ? monitorBench() : null;

/** Runs scripts/bench/monitor_overhead.py with the peers' BLAS setting; prints and returns its result (null without PyTorch). */
function monitorBench() {
  if (torch === null) {
    console.log(`\nMonitor overhead: not measured (${reason})`);
    return null;
  }
  const script = fileURLToPath(new URL('./bench/monitor_overhead.py', import.meta.url));
  const r = spawnSync(PYTHON, [script, ...(opts.quick ? ['--quick'] : [])], { encoding: 'utf8', env: peerBlas?.env ?? process.env });
  if (r.status !== 0) {
    console.log(`\nMonitor overhead: the measurement failed: ${r.stderr.trim().split('\n').pop()}`);
    process.exitCode = 1;
    return null;
  }
  const m = JSON.parse(r.stdout);
  console.log(
    `\nMonitor overhead (python/leaky_lab_monitor.py, ${m.network}, batch ${m.batch}, every=${m.every}, one thread, OpenBLAS core ${m.blas.openblasCore ?? m.blas.kind}): ` +
      `a plain step ${m.plainStepMs.toFixed(2)} ms, a record step ${m.recordStepExtraMs.toFixed(2)} ms more, so ${m.recordOverheadPercent.toFixed(2)}% per step averaged over a run (the budget: under 2%); ` +
      `whole runs of ${m.steps} steps with and without it, ${m.pairs} interleaved pairs: median ${m.runOverheadPercent.toFixed(1)}% (pairs ${Math.min(...m.runOverheadPercentPairs).toFixed(1)} to ${Math.max(...m.runOverheadPercentPairs).toFixed(1)}%: the machine's noise).`,
  );
  return m;
}

if (opts.json) {
  const peerBlasJson = peerBlas && { chosen: peerBlas.chosen.coretype, candidates: peerBlas.candidates.map((c) => ({ coretype: c.coretype, core: c.result.blas.openblasCore, kind: c.result.blas.kind, torchMatmulGflops: c.result.torchMatmulGflops, numpyMatmulGflops: c.result.numpyMatmulGflops })) };
  writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), machine, timing, blas: peerBlasJson, results, lab, snapshotCost, monitorCost }, null, 2) + '\n');
  console.log(`results written to ${opts.json}`);
}

// Dataset loading (scripts/bench-load.mjs, its own process): src/loader against plain PapaParse on a ~100 MB CSV.
const loadArgs = [...(opts.quick ? ['--quick'] : []), ...(opts.json ? ['--json', opts.json.replace(/(\.json)?$/, '-load.json')] : [])];
const load = want('load') ? spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL('./bench-load.mjs', import.meta.url)), ...loadArgs], { stdio: 'inherit' }) : null;
if (load !== null && load.status !== 0) process.exitCode = 1;
// Open and rewind of long sessions (scripts/bench-open.mjs, its own process): restore from states against replaying from step 0.
const openArgs = [...(opts.quick ? ['--quick'] : []), ...(opts.json ? ['--json', opts.json.replace(/(\.json)?$/, '-open.json')] : [])];
if (want('open') && spawnSync(process.execPath, [fileURLToPath(new URL('./bench-open.mjs', import.meta.url)), ...openArgs], { stdio: 'inherit' }).status !== 0) process.exitCode = 1;
if (want('renderer')) await (await import('./bench-renderer.mjs')).runRendererBench({ quick: opts.quick }); // the renderer in Chromium: frame work, throughput with the UI open

#!/usr/bin/env node
// `node scripts/bench-renderer.mjs [--quick] [--no-build] [--json FILE]` (also the last part of `npm run bench`):
// the renderer's work per animation frame and training throughput with the UI open, in Debian's Chromium
// (driven by playwright-core, same flags as playwright.config.ts), against headless throughput of the
// same session in this process. Per workload (scripts/bench/renderer-workloads.ts): the web build is
// opened at `/?bench`, the workload's experiment file goes in through the UI's own Open Experiment input,
// and the Play button trains it at full speed; beside it, a headless EngineRuntime of the same experiment
// (HeadlessRun) runs in this process. The two take turns, never running at once: after a warm-up of
// each, timed windows alternate (UI, headless, headless, UI, ...), and each UI window is paired with its
// neighbouring headless one. In the UI windows the page's FrameStats (window.__leakyLabBench, see
// src/renderer/state/frame-stats.ts) gives the renderer's work per frame, and the step counter the
// engine's steps/s. This shared 2-core machine is noisy: pairing neighbours keeps a burst of someone
// else's load from landing on one side only, and the median ratio keeps one bad pair from deciding.
/* global window, document, requestAnimationFrame -- used only in functions that page.evaluate runs in the page */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'out/bench-web');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The renderer's budget per frame at the 95th percentile, and the share of headless throughput to keep. */
const TARGETS = { p95Ms: 8, ratio: 0.8 };
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Builds the web app into out/bench-web (its own folder: out/web is what the e2e tests serve). */
function build() {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--outDir', OUT, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the web build failed (see above)');
}

/** Serves out/bench-web on a free localhost port; resolves to { url, close() }. */
function serve() {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(OUT, rel === '/' ? 'index.html' : rel);
    if (!file.startsWith(OUT + path.sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU seconds used so far by each kind of Chromium process started from this one (browser, renderer,
 * gpu-process, ...), from /proc; {} where there is no /proc. The renderer process holds the page's main
 * thread and the engine's Web Worker; with --disable-gpu, WebGL runs on SwiftShader in the GPU process.
 */
function chromiumCpu() {
  if (!existsSync('/proc/self/stat')) return {};
  const procs = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its children's command lines (arguments joined by spaces, not NULs).
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      procs.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), cmdline });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = procs.get(pid); p !== undefined; p = procs.get(p.ppid)) if (p.ppid === process.pid) return true;
    return false;
  };
  const out = {};
  for (const [pid, p] of procs) {
    if (!mine(pid) || !/chrom/i.test(path.basename(p.cmdline.split(' ')[0] ?? ''))) continue;
    const type = /--type=([\w-]+)/.exec(p.cmdline)?.[1] ?? 'browser';
    out[type] = (out[type] ?? 0) + p.ticks / 100;
  }
  return out;
}

/**
 * CPU seconds used so far by the whole machine (/proc/stat: everything but idle and iowait), by this
 * process, and by the Chromium processes it started (chromiumCpu); null fields where there is no /proc.
 * The rest is other people's work on the machine, which the results should be read against.
 */
function cpuNow() {
  const self = process.cpuUsage();
  let machine = null;
  if (existsSync('/proc/stat')) {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    machine = (f.reduce((a, b) => a + b, 0) - f[3] - f[4]) / 100;
  }
  return { chromium: chromiumCpu(), machine, self: (self.user + self.system) / 1e6 };
}

/** Cores used by others between two cpuNow() readings `seconds` apart (machine minus us and our Chromium). */
function othersCores(a, b, seconds) {
  if (a.machine === null || b.machine === null) return NaN;
  const ours = Object.keys(b.chromium).reduce((s, k) => s + b.chromium[k] - (a.chromium[k] ?? 0), 0) + (b.self - a.self);
  return Math.max(0, (b.machine - a.machine - ours) / seconds);
}

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** p50, p95 (nearest rank) and max of per-frame work samples. */
function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (q) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]);
  return { frames: s.length, p50: rank(0.5), p95: rank(0.95), max: s.length === 0 ? NaN : s[s.length - 1] };
}

/**
 * The app in a page, with a workload opened through its Open Experiment input and trained only inside
 * window(). open() must be called first; close() at the end.
 */
class UiRun {
  constructor(browser, url, workload) {
    this.browser = browser;
    this.url = url;
    this.workload = workload;
    this.errors = [];
  }

  async open() {
    this.context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'dark' });
    const page = (this.page = await this.context.newPage());
    page.on('pageerror', (e) => this.errors.push(e.message));
    await page.goto(`${this.url}/?bench`);
    await page.locator('[data-status="ready"] [data-testid="play-pause"]:enabled').waitFor({ timeout: 60_000 });
    const w = this.workload;
    await page.getByTestId('open-experiment-input').setInputFiles({ name: w.fileName, mimeType: 'application/json', buffer: Buffer.from(w.text) });
    await page.getByTestId('file-status').filter({ hasText: `Opened ${w.fileName}` }).waitFor({ timeout: 60_000 });
    // The app starts at a watchable 500 steps/s; the benchmark trains at Max, as a user does with one click.
    await page.getByTestId('speed').selectOption('max');
    const speed = await page.getByTestId('speed').inputValue();
    if (speed !== 'max') throw new Error(`the speed control shows ${speed}, not Max`);
    this.cdp = await this.context.newCDPSession(page);
    await this.cdp.send('Performance.enable');
  }

  async metrics() {
    return Object.fromEntries((await this.cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  }

  /** Clicks the play/pause button and waits until it says `next` ("Pause" once playing). */
  async toggle(next) {
    await this.page.getByTestId('play-pause').click();
    await this.page.getByTestId('play-pause').filter({ hasText: next }).waitFor();
  }

  /**
   * Plays for `settleSeconds`, then measures for `seconds`: per-frame renderer work, frame, draw and
   * snapshot counts, the engine's steps/s (step counter; and the snapshots' stepsPerSecond every second),
   * main-thread and per-process CPU; then pauses.
   */
  async window(settleSeconds, seconds) {
    await this.toggle('Pause');
    await sleep(settleSeconds * 1000);
    const before = await this.metrics();
    const cpuBefore = cpuNow();
    const r = await this.page.evaluate(async (seconds) => {
      const hook = /** @type {any} */ (window).__leakyLabBench;
      const read = (id) => Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').replace(/[^0-9]/g, ''));
      hook.clear();
      const t0 = performance.now();
      const s0 = read('session-step');
      const rates = [];
      for (let i = 0; i < seconds; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        rates.push(read('steps-per-second'));
      }
      const elapsed = (performance.now() - t0) / 1000;
      return { summary: hook.frames(), samples: hook.samples(), elapsed, steps: read('session-step') - s0, rates };
    }, seconds);
    const after = await this.metrics();
    const cpuAfter = cpuNow();
    await this.toggle('Play');
    const per = (k) => (after[k] - before[k]) / r.elapsed;
    return {
      elapsed: r.elapsed,
      samples: r.samples,
      frames: r.summary.frames,
      draws: r.summary.draws,
      snapshots: r.summary.tasks,
      stepsPerSecond: r.steps / r.elapsed,
      snapshotRates: r.rates,
      // Main thread: busy (tasks, including waits for the GPU process) and on a CPU, per second.
      mainBusy: per('TaskDuration'),
      mainCpu: per('ThreadTime'),
      cores: Object.fromEntries(Object.keys(cpuAfter.chromium).map((k) => [k, (cpuAfter.chromium[k] - (cpuBefore.chromium[k] ?? 0)) / r.elapsed])),
      others: othersCores(cpuBefore, cpuAfter, r.elapsed),
    };
  }

  /** The page's frame rate while training: a bare requestAnimationFrame loop for `seconds` (then paused). */
  async rafRate(seconds) {
    await this.toggle('Pause');
    await sleep(500);
    const rate = await this.page.evaluate(
      (seconds) =>
        new Promise((resolve) => {
          let n = 0;
          const t0 = performance.now();
          const tick = () => {
            n++;
            if (performance.now() - t0 < seconds * 1000) requestAnimationFrame(tick);
            else resolve(n / ((performance.now() - t0) / 1000));
          };
          requestAnimationFrame(tick);
        }),
      seconds,
    );
    await this.toggle('Play');
    return rate;
  }

  async close() {
    await this.context?.close();
    if (this.errors.length > 0) throw new Error(`page errors: ${this.errors.join('; ')}`);
  }
}

/** One workload: warm-ups, then `timing.reps` pairs of timed windows, UI and headless alternating. */
async function measure(browser, url, w, headless, timing) {
  const ui = new UiRun(browser, url, w);
  const h = new headless.HeadlessRun(w.experiment);
  const windows = [];
  try {
    await ui.open();
    await ui.window(timing.warmup, 1);
    await h.window(timing.warmup, 1);
    const headlessWindow = async () => {
      const a = cpuNow();
      const t0 = performance.now();
      const rate = await h.window(timing.settle, timing.seconds);
      return { rate, others: othersCores(a, cpuNow(), (performance.now() - t0) / 1000) };
    };
    for (let rep = 0; rep < timing.reps; rep++) {
      // Alternate who goes first, so that neither always follows the other.
      let u;
      let hr;
      if (rep % 2 === 0) {
        u = await ui.window(timing.settle, timing.seconds);
        hr = await headlessWindow();
      } else {
        hr = await headlessWindow();
        u = await ui.window(timing.settle, timing.seconds);
      }
      windows.push({ ui: u, headless: hr.rate, headlessOthers: hr.others, ratio: u.stepsPerSecond / hr.rate });
    }
    const raf = await ui.rafRate(timing.rafSeconds);
    if (h.diverged > 0) console.log(`warning: ${w.name}: a lane diverged in the headless run (it stops training, so steps/s mean less)`);
    return { windows, raf };
  } finally {
    h.close();
    await ui.close();
  }
}

/** What the tables show for one workload, from its windows. */
function summarise(name, { windows, raf }) {
  const total = (k) => windows.reduce((s, x) => s + x.ui[k], 0);
  const seconds = total('elapsed');
  const mean = (f) => windows.reduce((s, x) => s + f(x), 0) / windows.length;
  const kinds = [...new Set(windows.flatMap((x) => Object.keys(x.ui.cores)))];
  return {
    name,
    frameWork: percentiles(windows.flatMap((x) => x.ui.samples)),
    ui: median(windows.map((x) => x.ui.stepsPerSecond)),
    uiSnapshot: median(windows.flatMap((x) => x.ui.snapshotRates)),
    headless: median(windows.map((x) => x.headless)),
    ratio: median(windows.map((x) => x.ratio)),
    ratios: windows.map((x) => x.ratio),
    framesPerSecond: total('frames') / seconds,
    drawsPerSecond: total('draws') / seconds,
    snapshotsPerSecond: total('snapshots') / seconds,
    rafPerSecond: raf,
    mainBusy: mean((x) => x.ui.mainBusy),
    mainCpu: mean((x) => x.ui.mainCpu),
    // Cores other people's processes used during the UI and the headless windows.
    others: [mean((x) => x.ui.others), mean((x) => x.headlessOthers)],
    busiest: Math.max(...windows.flatMap((x) => [x.ui.others, x.headlessOthers])),
    cores: Object.fromEntries(kinds.map((k) => [k, mean((x) => x.ui.cores[k] ?? 0)])),
  };
}

const fmtMs = (x) => x.toFixed(1);
const fmtInt = (x) => Math.round(x).toLocaleString('en-US');
const pct = (x) => `${(100 * x).toFixed(0)}%`;

/** Prints a Markdown table. */
function printTable(header, rows) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

/**
 * Runs the renderer benchmark and prints its tables; returns the results (null when Chromium is missing).
 * `quick`: a smoke check with short windows; `build`: rebuild the web app first.
 */
export async function runRendererBench({ quick = false, build: rebuild = true } = {}) {
  if (!existsSync(CHROMIUM)) {
    console.log(`\nRenderer benchmark skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
    return null;
  }
  const timing = quick ? { warmup: 1, settle: 0.5, seconds: 2, reps: 2, rafSeconds: 1 } : { warmup: 3, settle: 1, seconds: 5, reps: 4, rafSeconds: 3 };
  if (rebuild || !existsSync(path.join(OUT, 'index.html'))) build();
  const headless = await tsImport('./bench/renderer-workloads.ts', import.meta.url);
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'] });
  const date = new Date().toISOString();
  const chromiumVersion = browser.version();
  console.log(`\nRenderer: ${date}  ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores, Chromium ${chromiumVersion} (WebGL on SwiftShader), Node ${process.version}`);
  console.log(
    `per workload: warm-up ${timing.warmup} s each, then ${timing.reps} x (UI ${timing.seconds} s, headless ${timing.seconds} s) alternating, each window after ${timing.settle} s of play` +
      (quick ? ' (--quick: smoke check, do not quote)' : ''),
  );
  const results = [];
  try {
    for (const w of headless.workloads()) {
      process.stderr.write(`${w.name} ...`);
      const raw = await measure(browser, server.url, w, headless, timing);
      process.stderr.write(' done\n');
      results.push({ ...summarise(w.name, raw), windows: raw.windows.map((x) => ({ ...x, ui: { ...x.ui, samples: undefined } })) });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log('');
  const yes = (ok) => (ok ? 'yes' : 'no');
  printTable(
    ['workload', 'frame work p50 / p95 / max (ms)', `p95 < ${TARGETS.p95Ms} ms`, 'UI steps/s', 'headless steps/s', 'UI / headless (per pair)', `>= ${pct(TARGETS.ratio)}`],
    results.map((r) => [
      r.name,
      `${fmtMs(r.frameWork.p50)} / ${fmtMs(r.frameWork.p95)} / ${fmtMs(r.frameWork.max)}`,
      yes(r.frameWork.p95 < TARGETS.p95Ms),
      fmtInt(r.ui),
      fmtInt(r.headless),
      `${pct(r.ratio)} (${r.ratios.map(pct).join(', ')})`,
      yes(r.ratio >= TARGETS.ratio),
    ]),
  );
  console.log('');
  const kinds = ['renderer', 'gpu-process', 'browser'].filter((k) => results.some((r) => k in r.cores));
  printTable(
    ['workload', 'frames with work/s', 'view draws/s', 'snapshots/s', 'rAF/s', 'main thread busy / on CPU', ...kinds.map((k) => `CPU ${k}`), 'CPU others (UI / headless)'],
    results.map((r) => [
      r.name,
      r.framesPerSecond.toFixed(1),
      r.drawsPerSecond.toFixed(0),
      r.snapshotsPerSecond.toFixed(1),
      r.rafPerSecond.toFixed(1),
      `${pct(r.mainBusy)} / ${pct(r.mainCpu)}`,
      ...kinds.map((k) => pct(r.cores[k] ?? 0)),
      r.others.map(pct).join(' / '),
    ]),
  );
  console.log(`frame work: renderer work per animation frame that had any (snapshot handling + graph, chart and panel draws;
FrameStats), over the ${results.map((r) => r.frameWork.frames).join(' / ')} frames of all UI windows. steps/s: medians of the windows (UI: the step
counter); UI / headless: median of the pairs of neighbouring windows. view draws/s: graph, chart and panel redraws
(FrameScheduler); rAF/s: a bare requestAnimationFrame loop while training, after the windows; main thread: CDP
TaskDuration (includes waits for the GPU process) and ThreadTime per second; CPU: per Chromium process type from
/proc, 100% = one core (renderer = the page's main thread + the engine's worker; gpu-process = SwiftShader);
others: the rest of the machine's CPU use (/proc/stat) in the UI and the headless windows: other people's work.`);
  for (const r of results) {
    if (r.busiest > 0.25) console.log(`warning: ${r.name}: other processes used up to ${pct(r.busiest)} of a core during a window; on 2 cores that takes from the engine or the page`);
  }
  return { date, chromium: chromiumVersion, timing, results };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opts = { quick: false, build: true, json: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') opts.quick = true;
    else if (argv[i] === '--no-build') opts.build = false;
    else if (argv[i] === '--json' && argv[i + 1]) opts.json = argv[++i];
    else {
      console.error('usage: node scripts/bench-renderer.mjs [--quick] [--no-build] [--json FILE]');
      process.exit(2);
    }
  }
  const out = await runRendererBench(opts);
  if (opts.json && out) writeFileSync(opts.json, JSON.stringify(out, null, 2) + '\n');
}

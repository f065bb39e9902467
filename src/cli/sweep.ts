import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../core/data/dataset';
import { resultsCsv, summaryCsv } from '../core/lab/sweep-csv';
import { resultsByIndex, serializeSweep, sweepWithResults } from '../core/lab/sweep-file';
import { type Cell, cellSpec, sweepCells, sweepRuns } from '../core/lab/sweep-plan';
import { builtInStudies } from '../core/lab/studies';
import { sweepIsRegression } from '../core/lab/sweep-task';
import type { RunResult } from '../core/lab/sweep-run';
import { type PoolWorker, type SweepJobReply, SweepScheduler, type WorkerFactory } from '../core/lab/sweep-scheduler';
import { type CellSummary, summarizeSweep } from '../core/lab/sweep-summary';
import { sweepVerdict } from '../core/lab/verdict';
import { parseSweep, SWEEP_MAX_BYTES, type Sweep } from '../core/protocol/sweep';
import { experimentRows } from './load-dataset-file';
import { readLimited } from './read-limited';
import type { Streams } from './run';
import type { SweepArgs } from './sweep-args';

/** What the sweep command needs of its process: streams, a clock (ms), the bundle's URL and Ctrl-C. */
export interface SweepHost {
  readonly io: Streams;
  readonly workerUrl: URL;
  readonly now: () => number;
  /** Calls `stop` when the user interrupts (Ctrl-C); returns a function that stops listening. */
  readonly onInterrupt: (stop: () => void) => () => void;
}

/**
 * Runs `leaky-lab sweep`: trains every run the sweep file has no result for on a pool of worker threads,
 * reports progress, then writes the results, summary and sweep files asked for and prints the summary
 * and verdict. Resolves to the exit code: 0, 1 on bad input or lost runs, 130 when interrupted.
 */
export async function runSweep(a: SweepArgs, host: SweepHost): Promise<number> {
  const { io } = host;
  const loaded = loadSweep(a);
  if (typeof loaded === 'string') {
    io.err.write(`leaky-lab: ${loaded}\n`);
    return 1;
  }
  const { sweep, rows } = loaded;
  const cells = sweepCells(sweep);
  const runs = sweepRuns(sweep);
  const results = resultsByIndex(sweep, runs.length);
  const pending = runs.filter((r) => results[r.index] === null);
  const lost: string[] = [];
  const progress = progressLine(runs.length, runs.length - pending.length, Math.min(a.workers, Math.max(1, pending.length)), host, a.quiet);
  const cancelled = await new Promise<boolean>((resolve) => {
    const scheduler = new SweepScheduler(pending, sweep.steps, sweep.target, a.workers, threadWorkers(host.workerUrl, rows), {
      result: (r) => {
        results[r.index] = r;
        progress(1);
      },
      lost: (index, message) => {
        lost.push(`run ${index} (seed ${runs[index]!.seed}, ${cells[runs[index]!.cell]!.labels.join(', ')}): ${message}`);
        progress(1);
      },
      finished: (c) => {
        stopListening();
        resolve(c);
      },
    });
    const stopListening = host.onInterrupt(() => scheduler.cancel());
    scheduler.start();
  });
  for (const line of lost) io.err.write(`leaky-lab: lost ${line}\n`);
  const summaries = summarizeSweep(cells, results);
  const written = writeOutputs(a, sweep, cells, results, summaries);
  if (written !== null) {
    io.err.write(`leaky-lab: ${written}\n`);
    return 1;
  }
  io.out.write(`${summaryTable(sweep, summaries)}\n`);
  for (const line of learnedSlopes(sweep, cells, summaries)) io.out.write(`${line}\n`);
  for (const c of sweepVerdict(sweep, cells, results, sweepIsRegression(sweep))) io.out.write(`${c.sentence}\n`);
  if (cancelled) {
    io.err.write(`leaky-lab: interrupted: ${results.filter((r) => r !== null).length} of ${runs.length} runs are finished and written${a.save === null ? '' : `; run \`leaky-lab sweep ${a.save} ...\` to resume`}\n`);
    return 130;
  }
  return lost.length > 0 ? 1 : 0;
}

/** The sweep file and the rows of its user-file dataset, or a one-line reason. */
function loadSweep(a: SweepArgs): { sweep: Sweep; rows: Dataset | null } | string {
  if (a.file === null) {
    const studies = builtInStudies();
    const study = studies.find((s) => s.id === a.study);
    if (study === undefined) return `--study: there is no study "${a.study}" (studies: ${studies.map((s) => s.id).join(', ')}; the born-dead study is its own command)`;
    return { sweep: a.seeds === null ? study.sweep : { ...study.sweep, seeds: a.seeds }, rows: null };
  }
  const bytes = readLimited(a.file, (size) => (size > SWEEP_MAX_BYTES ? `${a.file} is over the ${SWEEP_MAX_BYTES / 1048576} MB limit for sweep files` : null));
  if (typeof bytes === 'string') return bytes;
  const parsed = parseSweep(new TextDecoder().decode(bytes), a.file);
  if (!parsed.ok) return parsed.message;
  const rows = experimentRows({ spec: parsed.value.base }, a.file, a.data);
  if (typeof rows === 'string') return rows;
  return { sweep: parsed.value, rows };
}

/** Worker threads started from this bundle in their sweep role, holding the user-file rows (if any). */
function threadWorkers(url: URL, rows: Dataset | null): WorkerFactory {
  return (reply, crash): PoolWorker => {
    const w = new Worker(url, { workerData: { role: 'sweep', supplied: rows } });
    // An exit we asked for is not a crash.
    let stopping = false;
    w.on('message', (r: SweepJobReply) => reply(r));
    w.on('error', (e) => crash(e.message));
    w.on('exit', (code) => {
      if (!stopping) crash(`the worker thread exited (code ${code})`);
    });
    return {
      run: (job) => w.postMessage(job),
      terminate: () => {
        stopping = true;
        void w.terminate();
      },
    };
  };
}

/** A progress reporter: a line every 5% (redrawn in place on a terminal) with runs/s and the time left. */
function progressLine(total: number, already: number, workers: number, host: SweepHost, quiet: boolean): (finished: number) => void {
  const started = host.now();
  let done = already;
  let shown = -1;
  const show = () => {
    const seconds = (host.now() - started) / 1000;
    const rate = (done - already) / Math.max(1e-9, seconds);
    const left = done === already ? '' : `, about ${Math.ceil((total - done) / Math.max(rate, 1e-9))} s left`;
    const line = `sweep: ${done}/${total} runs on ${workers} worker(s), ${rate.toFixed(1)} runs/s${left}`;
    host.io.err.write((host.io.err as { isTTY?: boolean }).isTTY === true ? `\r${line}   ${done === total ? '\n' : ''}` : `${line}\n`);
  };
  if (!quiet) show();
  return (finished) => {
    done += finished;
    const twentieth = Math.floor((20 * done) / total);
    if (quiet || (twentieth === shown && done < total)) return;
    shown = twentieth;
    show();
  };
}

/** Writes the files asked for; null, or why one could not be written. */
function writeOutputs(a: SweepArgs, sweep: Sweep, cells: readonly Cell[], results: readonly (RunResult | null)[], summaries: readonly CellSummary[]): string | null {
  const files: [string | null, () => string][] = [
    [a.out, () => resultsCsv(sweep, cells, results)],
    [a.summary, () => summaryCsv(sweep, summaries)],
    [a.save, () => serializeSweep(sweepWithResults(sweep, results))],
  ];
  for (const [path, text] of files) {
    if (path === null) continue;
    try {
      writeFileSync(path, text());
    } catch (e) {
      return `could not write ${path}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return null;
}

/** The per-cell table printed at the end: axes, runs, test score and dead % with 95% intervals, shares. */
function summaryTable(s: Sweep, summaries: readonly CellSummary[]): string {
  const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '-');
  const head = [...s.axes.map((x) => x.axis), 'runs', 'test score % [95%]', 'dead % [95%]', 'inactive %', 'diverged', 'collapsed'];
  const rows = summaries.map((c) => [
    ...c.labels,
    String(c.seeds.length),
    `${pct(c.finalTestScore.mean)} [${pct(c.finalTestScore.low)}, ${pct(c.finalTestScore.high)}]`,
    `${c.deadPercent.mean.toFixed(1)} [${c.deadPercent.low.toFixed(1)}, ${c.deadPercent.high.toFixed(1)}]`,
    c.inactivePercent.mean.toFixed(1),
    `${c.diverged.count}/${c.diverged.n}`,
    `${c.collapsed.count}/${c.collapsed.n}`,
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  return [head, ...rows].map((r) => r.map((x, k) => x.padEnd(widths[k]!)).join('  ').trimEnd()).join('\n');
}

/** For each PReLU cell, the learned α per hidden layer: mean over its seeds with the 95% interval. */
function learnedSlopes(s: Sweep, cells: readonly Cell[], summaries: readonly CellSummary[]): string[] {
  return summaries
    .filter((c) => cellSpec(s, cells[c.cell]!, 1).lanes[0]!.activation.kind === 'prelu')
    .map((c) => {
      const layers = c.slopePerLayer.map((e, l) => `${l + 1}: ${e.mean.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`);
      return `learned α per layer, ${c.labels.join(', ') || 'base'} (${c.seeds.length} seeds, mean [95%]): ${layers.join('  ')}`;
    });
}

import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type BornDeadRow, bornDeadProbe, bornDeadProblem, bornDeadRow, DOMAIN_HALF_WIDTH, NEGATIVE_SLOPE } from '../core/lab/born-dead';
import { bornDeadCsv } from '../core/lab/born-dead-csv';
import type { BornDeadArgs } from './born-dead-args';
import type { BornDeadJob, BornDeadReply } from './born-dead-worker';
import type { Streams } from './run';

/** What the born-dead command needs of its process: streams, a clock (ms) and the bundle's URL (its worker role). */
export interface BornDeadHost {
  readonly io: Streams;
  readonly workerUrl: URL;
  readonly now: () => number;
}

/** Nets per job: small enough to spread four widths over the workers evenly, big enough that messages cost nothing. */
const CHUNK = 1000;

/**
 * Runs `leaky-lab born-dead`: counts born-dead nets on a pool of worker threads (chunks of nets, the
 * widest widths first since they cost most), then writes the CSV and prints the table. Every net
 * depends on (seed, width, index) only, so the numbers do not depend on the number of workers.
 * Resolves to the exit code: 0, or 1 when a worker failed or the file could not be written.
 */
export async function runBornDead(a: BornDeadArgs, host: BornDeadHost): Promise<number> {
  const { io } = host;
  const o = a.options;
  const problem = bornDeadProblem(o);
  if (problem !== null) {
    io.err.write(`leaky-lab: born-dead: ${problem}\n`);
    return 1;
  }
  const started = host.now();
  const jobs: BornDeadJob[] = [];
  for (const width of [...o.widths].sort((x, y) => y - x)) for (let from = 0; from < o.nets; from += CHUNK) jobs.push({ width, from, to: Math.min(o.nets, from + CHUNK) });
  const workers = Math.min(a.workers, jobs.length);
  const deaths = new Map<number, number[]>(o.widths.map((w) => [w, new Array<number>(o.depth).fill(0)]));
  const failure = await runPool(jobs, workers, host.workerUrl, a, (r) => r.deaths.forEach((n, l) => (deaths.get(r.width)![l]! += n)));
  if (failure !== null) {
    io.err.write(`leaky-lab: born-dead: ${failure}\n`);
    return 1;
  }
  const rows = a.depths.flatMap((depth) => o.widths.map((w) => bornDeadRow(w, depth, o.nets, deaths.get(w)!)));
  if (a.out !== null) {
    try {
      writeFileSync(a.out, bornDeadCsv(rows));
    } catch (e) {
      io.err.write(`leaky-lab: could not write ${a.out}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  io.out.write(`${describe(a)}\n${table(rows)}\n`);
  if (o.activation !== 'relu') {
    const name = o.activation === 'prelu' ? `PReLU (initial slope ${NEGATIVE_SLOPE.prelu})` : `Leaky ReLU (slope ${NEGATIVE_SLOPE.leaky_relu})`;
    io.out.write(`${name} is never born dead by Lu et al.'s definition (a constant function on the domain): with a nonzero slope no layer is all zero, so every share is 0 (counted, not assumed).\n`);
  }
  if (!a.quiet) io.err.write(`born-dead: ${o.widths.length * o.nets} nets in ${((host.now() - started) / 1000).toFixed(1)} s on ${workers} worker(s)\n`);
  return 0;
}

/** Runs the jobs on `count` worker threads of this bundle; null when all answered, else why not. */
function runPool(jobs: readonly BornDeadJob[], count: number, url: URL, a: BornDeadArgs, answer: (r: BornDeadReply & { deaths: number[] }) => void): Promise<string | null> {
  return new Promise((resolve) => {
    let next = 0;
    let done = 0;
    let finished = false;
    const pool: Worker[] = [];
    const finish = (failure: string | null) => {
      if (finished) return;
      finished = true;
      for (const w of pool) void w.terminate();
      resolve(failure);
    };
    const give = (w: Worker) => {
      if (next < jobs.length) w.postMessage(jobs[next++]);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(url, { workerData: { role: 'born-dead', options: a.options } });
      pool.push(w);
      w.on('message', (r: BornDeadReply) => {
        if ('error' in r) return finish(`nets ${r.from}-${r.to - 1} of width ${r.width}: ${r.error}`);
        answer(r);
        if (++done === jobs.length) return finish(null);
        give(w);
      });
      w.on('error', (e) => finish(`a worker thread failed: ${e.message}`));
      w.on('exit', (code) => finish(`a worker thread exited (code ${code}) before the study finished`));
      give(w);
    }
  });
}

/** The line above the table: what was drawn and how it was checked. */
function describe(a: BornDeadArgs): string {
  const o = a.options;
  const h = DOMAIN_HALF_WIDTH.toFixed(4);
  const probe = bornDeadProbe(o);
  const domain =
    probe.kind === 'interval'
      ? `1 input on [-${h}, ${h}] (exact, by the nets' breakpoints)`
      : `${o.inputDim} inputs on [-${h}, ${h}]^${o.inputDim}, checked at ${probe.points.count} points (${o.inputDim <= 6 ? 'a grid' : 'seeded uniform'}; an upper estimate)`;
  const biases = o.biasInit === 'init' ? `${o.init}'s own biases` : o.biasInit === 'zero' ? 'zero biases' : 'U(+-1/sqrt(fan_in)) biases';
  return `Born dead (Lu et al. 2019): ${domain}, ${o.init} weights, ${biases}, ${o.activation}, seed ${o.seed}`;
}

/** The rows as an aligned text table: shares in percent with the 95% interval. */
function table(rows: readonly BornDeadRow[]): string {
  const pct = (x: number) => (100 * x).toFixed(2);
  const head = ['depth', 'width', 'nets', 'born dead %', '95% interval'];
  const body = rows.map((r) => [String(r.depth), String(r.width), String(r.nets), pct(r.bornDead), `[${pct(r.ciLow)}, ${pct(r.ciHigh)}]`]);
  const widths = head.map((t, k) => Math.max(t.length, ...body.map((r) => r[k]!.length)));
  return [head, ...body].map((r) => r.map((x, k) => x.padEnd(widths[k]!)).join('  ').trimEnd()).join('\n');
}

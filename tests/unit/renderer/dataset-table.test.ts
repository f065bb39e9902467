// The dataset worker owns the parsed table of the file being previewed: 'open' parses once and keeps it,
// 'encode' sends only options. The worker's logic (TableHolder) runs here directly on real files and the
// real loader and encoder; the page's client runs against it through structuredClone with the transfer
// list, as a worker boundary does (so transferred buffers really are detached), in the same process.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions, encodeTable } from '../../../src/core/data/encode-table';
import { loadTable } from '../../../src/loader/load-table';
import { type DatasetReply, type OpenedTable, PROGRESS_INTERVAL_MS, TableHolder, checkReply } from '../../../src/renderer/host/dataset-table';
import { type Answer, DatasetTableClient, type SpawnDatasetWorker } from '../../../src/renderer/host/dataset-table-client';

const root = resolve(import.meta.dirname, '../../..');
const file = (path: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(resolve(root, path)));
const WINE = 'data/bundled/wine.csv';
const RAGGED = 'tests/fixtures/datasets/malformed/ragged.csv';
const RAGGED_MESSAGE = '"ragged.csv", row 4 has 2 values, but the header has 3 columns. Check that row for a missing or extra delimiter; a value that contains the delimiter must be in double quotes.';

/** Runs a TableHolder, collecting its replies. */
function holder(): { holder: TableHolder; replies: { reply: DatasetReply; transfer: ArrayBuffer[] }[] } {
  const replies: { reply: DatasetReply; transfer: ArrayBuffer[] }[] = [];
  let clock = 0;
  return { holder: new TableHolder((reply, transfer) => replies.push({ reply, transfer }), () => (clock += 10)), replies };
}

function opened(r: DatasetReply | undefined): OpenedTable {
  if (r?.type !== 'opened' || !r.result.ok) throw new Error(`not opened: ${JSON.stringify(r)}`);
  return r.result;
}

describe('TableHolder (the dataset worker)', () => {
  it('parses once, answers with the preview, each column\'s task and the default encoding, then encodes other options from the kept table', () => {
    const { holder: h, replies } = holder();
    const bytes = file(WINE);
    h.handle({ type: 'open', id: 1, bytes: bytes.buffer, fileName: 'wine.csv' });
    const last = replies.at(-1)!;
    const o = opened(last.reply);
    const direct = loadTable(file(WINE), 'wine.csv');
    if (!direct.ok) throw new Error(direct.message);
    expect(o.preview).toEqual(direct.preview);
    expect(o.options).toEqual(defaultOptions(direct.table));
    expect(o.options).toEqual({ target: 'cultivar', task: 'classification', missing: 'drop', oneHotLimit: 16 });
    expect(o.tasks[o.preview.columns.findIndex((c) => c.name === 'magnesium')]).toBe('regression');
    expect(o.tasks.at(-1)).toBe('classification');
    expect(o.encoded).toEqual(encodeTable(direct.table, o.options));
    // The dataset's arrays travel back transferred; the table never leaves the worker.
    if (!o.encoded.ok) throw new Error(o.encoded.message);
    expect(last.transfer).toEqual([o.encoded.dataset.x.buffer, o.encoded.dataset.y.buffer, o.encoded.dataset.t.buffer]);
    expect(JSON.stringify(Object.keys(o))).not.toContain('table');
    expect(h.holding).toBe(true);

    // Other options: only they are sent, and the answer equals encoding the table directly.
    const options = { target: 'magnesium', task: 'regression', missing: 'mean', oneHotLimit: 4 } as const;
    replies.length = 0;
    h.handle({ type: 'encode', id: 2, options });
    expect(replies).toHaveLength(1);
    const r = replies[0]!.reply;
    expect(r.type === 'encoded' && r.id).toBe(2);
    expect(r.type === 'encoded' && r.result).toEqual(encodeTable(direct.table, options));
    // Options that do not fit the table are an answer with their message, and the table is kept.
    h.handle({ type: 'encode', id: 3, options: { ...options, task: 'regression', target: 'cultivar' } });
    const bad = replies.at(-1)!.reply;
    expect(bad.type === 'encoded' && bad.result).toMatchObject({ ok: false, column: 'cultivar', message: expect.stringContaining('"wine.csv": the target column "cultivar" holds text') });
    expect(h.holding).toBe(true);
  });

  it('posts progress at most every 50 ms of its clock while parsing', () => {
    const { holder: h, replies } = holder();
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i},${(i * 7) % 13},${i % 3 ? 'a' : 'b'}`);
    const bytes = new TextEncoder().encode(`x,y,label\n${rows.join('\n')}\n`);
    h.handle({ type: 'open', id: 7, bytes: bytes.buffer, fileName: 'big.csv' });
    const progress = replies.filter((r) => r.reply.type === 'progress');
    const chunks = Math.ceil(bytes.length / (64 * 1024));
    expect(progress.length).toBeGreaterThan(1);
    // The clock moves 10 ms per look: one progress message per PROGRESS_INTERVAL_MS / 10 chunks at most.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil((chunks * 10) / PROGRESS_INTERVAL_MS) + 1);
    expect(progress.every((p) => p.reply.type === 'progress' && p.reply.id === 7)).toBe(true);
    expect(opened(replies.at(-1)!.reply).preview.rows).toBe(100_000);
  });

  it('a bad file answers with the loader\'s message (file, row) and drops the table before it', () => {
    const { holder: h, replies } = holder();
    h.handle({ type: 'open', id: 1, bytes: file(WINE).buffer, fileName: 'wine.csv' });
    h.handle({ type: 'open', id: 2, bytes: file(RAGGED).buffer, fileName: 'ragged.csv' });
    expect(replies.at(-1)!.reply).toEqual({ type: 'opened', id: 2, result: { ok: false, message: RAGGED_MESSAGE, row: 4, column: null } });
    expect(h.holding).toBe(false);
    h.handle({ type: 'encode', id: 3, options: { target: 'cultivar', task: 'classification', missing: 'drop', oneHotLimit: 16 } });
    expect(replies.at(-1)!.reply).toEqual({ type: 'encoded', id: 3, result: { ok: false, message: 'No file is open in the dataset worker: open the file again.', column: null } });
  });

  it('refuses a request that does not check, naming the field, and keeps its table', () => {
    const { holder: h, replies } = holder();
    h.handle({ type: 'open', id: 1, bytes: file(WINE).buffer, fileName: 'wine.csv' });
    h.handle({ type: 'encode', id: 2, options: { target: 'cultivar', task: 'classification', missing: 'drop', oneHotLimit: 1 } });
    expect(replies.at(-1)!.reply).toMatchObject({ type: 'refused', id: 2, message: expect.stringContaining('Invalid dataset worker request field "options.oneHotLimit"') });
    h.handle({ type: 'open', id: 3, bytes: 'not bytes', fileName: 'x.csv' });
    expect(replies.at(-1)!.reply).toMatchObject({ type: 'refused', id: 3, message: expect.stringContaining('"bytes"') });
    h.handle(null);
    expect(replies.at(-1)!.reply).toMatchObject({ type: 'refused', id: null });
    expect(h.holding).toBe(true);
  });
});

describe('checkReply', () => {
  it('takes the worker\'s own replies and names what is wrong with anything else', () => {
    const { holder: h, replies } = holder();
    h.handle({ type: 'open', id: 1, bytes: file(WINE).buffer, fileName: 'wine.csv' });
    for (const { reply } of replies) expect(checkReply(reply)).toEqual({ ok: true, reply });
    expect(checkReply({ type: 'progress', id: 1, fraction: 2 })).toMatchObject({ ok: false, message: expect.stringContaining('"fraction"') });
    expect(checkReply({ type: 'encoded', id: 1, result: { ok: true, dataset: {}, report: {} } })).toMatchObject({ ok: false, message: expect.stringContaining('result.dataset') });
    expect(checkReply({ type: 'loaded', id: 1 })).toMatchObject({ ok: false, message: expect.stringContaining('Invalid dataset worker reply') });
  });
});

/** A dataset worker in this process: a TableHolder behind structured cloning, answering asynchronously. */
class InProcessWorkers {
  readonly workers: { terminated: boolean; handled: string[]; events: Parameters<SpawnDatasetWorker>[0] }[] = [];
  /** When set, the next message a worker sends is replaced by this (a reply that does not check). */
  garble: unknown = undefined;

  readonly spawn: SpawnDatasetWorker = (events) => {
    const w = { terminated: false, handled: [] as string[], events };
    this.workers.push(w);
    let clock = 0;
    const holder = new TableHolder(
      (reply, transfer) => {
        let data: unknown = structuredClone(reply, { transfer });
        if (this.garble !== undefined) [data, this.garble] = [this.garble, undefined];
        setTimeout(() => !w.terminated && events.message(data), 0);
      },
      () => (clock += 100),
    );
    return {
      post: (request, transfer) => {
        const copy = structuredClone(request, { transfer });
        setTimeout(() => {
          if (w.terminated) return;
          w.handled.push(copy.type);
          holder.handle(copy);
        }, 0);
      },
      terminate: () => {
        w.terminated = true;
      },
    };
  };
}

function done<T>(a: Answer<T>): T {
  if (a.kind !== 'done') throw new Error(`not done: ${JSON.stringify(a)}`);
  return a.result;
}

describe('DatasetTableClient', () => {
  let workers: InProcessWorkers;
  beforeEach(() => {
    workers = new InProcessWorkers();
  });

  it('one worker for a whole preview: options changes send only options; close ends it', async () => {
    const client = new DatasetTableClient(workers.spawn);
    const bytes = file(WINE);
    const progress: number[] = [];
    const o = done(await client.open(bytes, 'wine.csv', (f) => progress.push(f)));
    if (!o.ok) throw new Error(o.message);
    expect(bytes.byteLength).toBe(0); // transferred
    expect(progress.at(-1)).toBe(1);
    const a = done(await client.encode({ ...o.options, target: 'magnesium', task: 'regression' }));
    const b = done(await client.encode({ ...o.options, target: 'alcohol', task: 'regression' }));
    expect(a.ok && a.dataset.targetName).toBe('magnesium');
    expect(b.ok && b.dataset.targetName).toBe('alcohol');
    expect(b.ok && b.report.rowsKept).toBe(178);
    expect(client.started).toBe(1);
    expect(workers.workers[0]!.handled).toEqual(['open', 'encode', 'encode']);
    client.close();
    expect(workers.workers[0]!.terminated).toBe(true);
    expect(client.running).toBe(false);
    expect(await client.encode(o.options)).toEqual({ kind: 'lost', message: 'No file is open in the dataset worker: open the file again.' });
  });

  it('a partial view is copied, not detached', async () => {
    const client = new DatasetTableClient(workers.spawn);
    const whole = file(WINE);
    const padded = new Uint8Array(whole.length + 4);
    padded.set(whole, 2);
    const o = done(await client.open(padded.subarray(2, 2 + whole.length), 'wine.csv'));
    expect(o.ok).toBe(true);
    expect(padded.byteLength).toBe(whole.length + 4);
  });

  it('only the newest of options typed quickly is encoded after the one running', async () => {
    const client = new DatasetTableClient(workers.spawn);
    const o = done(await client.open(file(WINE), 'wine.csv'));
    if (!o.ok) throw new Error(o.message);
    const answers = await Promise.all([2, 3, 4, 5].map((oneHotLimit) => client.encode({ ...o.options, oneHotLimit })));
    expect(answers.slice(0, 3)).toEqual([{ kind: 'superseded' }, { kind: 'superseded' }, { kind: 'superseded' }]);
    expect(answers[3]!.kind).toBe('done');
    // The first was already running in the worker; the two in between were never sent.
    expect(workers.workers[0]!.handled).toEqual(['open', 'encode', 'encode']);
  });

  it('a bad file is an answer with its message; the worker goes on and opens the next file', async () => {
    const client = new DatasetTableClient(workers.spawn);
    expect(done(await client.open(file(RAGGED), 'ragged.csv'))).toEqual({ ok: false, message: RAGGED_MESSAGE, row: 4, column: null });
    expect(done(await client.open(file(WINE), 'wine.csv')).ok).toBe(true);
    expect(client.started).toBe(1);
  });

  it('another file while one is still being parsed ends that worker (a parse cannot be stopped) and starts a fresh one', async () => {
    const client = new DatasetTableClient(workers.spawn);
    const first = client.open(file(WINE), 'first.csv');
    const second = client.open(file(WINE), 'second.csv');
    expect(await first).toEqual({ kind: 'superseded' });
    expect(done(await second).ok).toBe(true);
    expect(client.started).toBe(2);
    expect(workers.workers[0]!.terminated).toBe(true);
    expect(workers.workers[0]!.handled).toEqual([]);
  });

  it('a worker that crashes is reported to every request waiting, and the next open starts a fresh worker', async () => {
    const client = new DatasetTableClient(workers.spawn);
    const o = done(await client.open(file(WINE), 'wine.csv'));
    if (!o.ok) throw new Error(o.message);
    const waiting = client.encode({ ...o.options, target: 'alcohol', task: 'regression' });
    // What a worker's 'error' event says, e.g. when it runs out of memory.
    workers.workers[0]!.events.crash('Uncaught RangeError: Array buffer allocation failed');
    expect(await waiting).toEqual({ kind: 'lost', message: 'The dataset worker stopped: Uncaught RangeError: Array buffer allocation failed. The file is no longer loaded; open it again.' });
    expect(workers.workers[0]!.terminated).toBe(true);
    expect(client.running).toBe(false);
    expect(done(await client.open(file(WINE), 'wine.csv')).ok).toBe(true);
    expect(client.started).toBe(2);
    // The crashed worker's late events are ignored.
    workers.workers[0]!.events.crash('late');
    expect(client.running).toBe(true);
  });

  it('a reply that does not check ends the worker with a message saying so', async () => {
    const client = new DatasetTableClient(workers.spawn);
    workers.garble = { type: 'opened', id: 1, result: { ok: 'yes' } };
    const a = await client.open(file(WINE), 'wine.csv');
    expect(a).toMatchObject({ kind: 'lost', message: expect.stringMatching(/^The dataset worker stopped: it sent a message that does not check \(Invalid dataset worker reply/) });
    expect(workers.workers[0]!.terminated).toBe(true);
  });

  it('a worker that cannot be started is reported as such', async () => {
    const client = new DatasetTableClient(() => {
      throw new Error('Workers are not allowed here');
    });
    expect(await client.open(file(WINE), 'wine.csv')).toEqual({ kind: 'lost', message: 'The dataset worker could not be started: Workers are not allowed here. Reload the page and try again.' });
  });
});

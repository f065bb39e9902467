// The dataset worker's request handler (throttled progress, transferred arrays) and the page's promise
// API over it, with a stand-in Worker that runs the handler and structured-clones messages as a real
// worker boundary does (so transferred buffers really are detached).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultOptions } from '../../../src/core/data/encode-table';
import { type DatasetReply, type DatasetRequest, PROGRESS_INTERVAL_MS, handleDatasetRequest } from '../../../src/loader/requests';
import { encodeDataset, loadDatasetBlob, loadDatasetFile } from '../../../src/renderer/host/dataset-loader';

const csv = (rows: number) => new TextEncoder().encode(`x,y,label\n${Array.from({ length: rows }, (_, i) => `${i},${(i * 7) % 13},${i % 3 ? 'a' : 'b'}`).join('\n')}\n`);

describe('handleDatasetRequest', () => {
  it('posts progress at most every 50 ms of its clock, then the table with its buffers to transfer', () => {
    const bytes = csv(200_000); // about 3 MB: dozens of 64 KB chunks
    const replies: { reply: DatasetReply; transfer: ArrayBuffer[] }[] = [];
    let clock = 0;
    handleDatasetRequest(
      { type: 'load', bytes: bytes.buffer, fileName: 'big.csv' },
      (reply, transfer) => replies.push({ reply, transfer }),
      () => (clock += 10),
    );
    const progress = replies.filter((r) => r.reply.type === 'progress');
    const chunks = Math.ceil(bytes.length / (64 * 1024));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil((chunks * 10) / PROGRESS_INTERVAL_MS) + 1);
    const last = replies.at(-1)!;
    expect(last.reply.type).toBe('loaded');
    if (last.reply.type !== 'loaded' || !last.reply.result.ok) throw new Error('not loaded');
    const table = last.reply.result.table;
    expect(table.rows).toBe(200_000);
    expect(last.transfer).toHaveLength(4); // 3 columns and the row numbers
    expect(last.transfer).toContain(table.rowNumbers!.buffer);
  });

  it('encodes a table and transfers the dataset arrays', () => {
    const replies: { reply: DatasetReply; transfer: ArrayBuffer[] }[] = [];
    handleDatasetRequest({ type: 'load', bytes: csv(30).buffer, fileName: 'small.csv' }, (reply, transfer) => replies.push({ reply, transfer }), () => 0);
    const loaded = replies.at(-1)!.reply;
    if (loaded.type !== 'loaded' || !loaded.result.ok) throw new Error('not loaded');
    const table = loaded.result.table;
    replies.length = 0;
    handleDatasetRequest({ type: 'encode', table, options: defaultOptions(table) }, (reply, transfer) => replies.push({ reply, transfer }), () => 0);
    const { reply, transfer } = replies[0]!;
    if (reply.type !== 'encoded' || !reply.result.ok) throw new Error('not encoded');
    expect(reply.result.dataset.rows).toBe(30);
    expect(transfer).toEqual([reply.result.dataset.x.buffer, reply.result.dataset.y.buffer, reply.result.dataset.t.buffer]);
  });
});

/** Stand-in for a module Web Worker running dataset.worker.ts. */
class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((e: { data: DatasetReply }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.created.push(this);
  }
  postMessage(message: DatasetRequest, transfer: Transferable[]): void {
    const request = structuredClone(message, { transfer }); // detaches the sender's transferred buffers
    setTimeout(() => {
      if (this.terminated) return;
      let clock = 0;
      handleDatasetRequest(
        request,
        (reply, t) => {
          const data = structuredClone(reply, { transfer: t });
          setTimeout(() => !this.terminated && this.onmessage?.({ data }), 0);
        },
        () => (clock += 100),
      );
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('loadDatasetFile and friends', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.created = [];
  });

  it('loads in a module worker, reports progress, transfers the bytes and ends the worker', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const bytes = csv(100_000);
    const progress: number[] = [];
    const r = await loadDatasetFile(bytes, 'f.csv', (f) => progress.push(f));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.rows).toBe(100_000);
    expect(progress.length).toBeGreaterThan(0);
    expect(bytes.byteLength).toBe(0); // transferred
    const w = FakeWorker.created[0]!;
    expect(w.url.pathname.endsWith('/src/renderer/host/dataset.worker.ts')).toBe(true);
    expect(w.options).toMatchObject({ type: 'module' });
    expect(w.terminated).toBe(true);
  });

  it('copies a partial view instead of detaching the caller buffer', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const whole = csv(10);
    const view = whole.subarray(0, whole.length);
    const padded = new Uint8Array(whole.length + 4);
    padded.set(view, 2);
    const r = await loadDatasetFile(padded.subarray(2, 2 + whole.length), 'v.csv');
    expect(r.ok).toBe(true);
    expect(padded.byteLength).toBe(whole.length + 4);
  });

  it('resolves bad files with their message', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    expect(await loadDatasetFile(new Uint8Array(0), 'empty.csv')).toEqual({ ok: false, message: '"empty.csv" is empty (0 bytes). Choose a file with a header row and rows of data.', row: null, column: null });
  });

  it('rejects with the abort reason and ends the worker when aborted', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const controller = new AbortController();
    const p = loadDatasetFile(csv(1000), 'f.csv', undefined, controller.signal);
    controller.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.created[0]!.terminated).toBe(true);
  });

  it('refuses a blob over the limit before reading it', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const blob = new Blob([csv(100)]);
    const read = vi.spyOn(blob, 'arrayBuffer');
    const r = await loadDatasetBlob(blob, 'big.csv', undefined, undefined, 100);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('datasets are limited to 100 bytes') });
    expect(read).not.toHaveBeenCalled();
    expect(FakeWorker.created).toHaveLength(0);
    expect((await loadDatasetBlob(blob, 'ok.csv')).ok).toBe(true);
  });

  it('encodes in a worker, leaving the caller its table', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const r = await loadDatasetFile(csv(50), 'e.csv');
    if (!r.ok) throw new Error(r.message);
    const e = await encodeDataset(r.table, defaultOptions(r.table));
    expect(e.ok && e.dataset.rows).toBe(50);
    expect(r.table.columns[0]!.kind === 'numeric' && r.table.columns[0]!.values.length).toBe(50);
  });
});

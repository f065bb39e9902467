/**
 * The page's side of the dataset worker (dataset-table.worker.ts): one worker at a time, which parses a
 * file once and keeps its table while the file is previewed, so that another target column, task,
 * missing-value choice or one-hot limit sends only the options and gets back the new encoding.
 *
 *   const client = new DatasetTableClient();
 *   const a = await client.open(bytes, 'wine.csv', (f) => (progress = f));
 *   if (a.kind === 'done' && a.result.ok) { show(a.result.preview, a.result.encoded); const b = await client.encode({ ...a.result.options, target: 'alcohol' }); }
 *   client.close(); // the worker ends and its table is freed
 *
 * Answers never reject: 'done' carries the worker's result (a bad file or options are results with their
 * message), 'superseded' means a newer request or close() replaced the request, and 'lost' that the worker
 * stopped (it crashed, or a message did not check); the next open() then starts a fresh worker.
 */
import type { EncodeResult, TableEncodeOptions } from '../../core/data/encode-report';
import { MAX_FILE_BYTES } from '../../loader/limits';
import { type DatasetReply, type DatasetRequest, type OpenResult, checkReply } from './dataset-table';

/** How a request ended. */
export type Answer<T> = { readonly kind: 'done'; readonly result: T } | { readonly kind: 'superseded' } | { readonly kind: 'lost'; readonly message: string };

/** A running dataset worker as the client drives it. */
export interface DatasetWorkerPort {
  post(request: DatasetRequest, transfer: Transferable[]): void;
  terminate(): void;
}

/** What a worker tells the client: a message, or that it stopped (a crash, a message that could not be read). */
export interface DatasetWorkerEvents {
  message(data: unknown): void;
  crash(detail: string): void;
}

/** Starts a worker wired to `events`. */
export type SpawnDatasetWorker = (events: DatasetWorkerEvents) => DatasetWorkerPort;

/** Starts the module Web Worker dataset-table.worker.ts. */
export const spawnDatasetWorker: SpawnDatasetWorker = (events) => {
  const worker = new Worker(new URL('./dataset-table.worker.ts', import.meta.url), { type: 'module', name: 'leaky-lab-dataset' });
  worker.onmessage = (e: MessageEvent) => events.message(e.data);
  worker.onmessageerror = () => events.crash('a message from it could not be read');
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    events.crash(e.message || 'it could not be started');
  };
  return { post: (request, transfer) => worker.postMessage(request, transfer), terminate: () => worker.terminate() };
};

/** What an answer that is not in yet settles. */
interface Pending {
  readonly settle: (answer: Answer<never> | { readonly kind: 'done'; readonly result: OpenResult | EncodeResult }) => void;
  readonly onProgress?: (fraction: number) => void;
}

const SUPERSEDED = { kind: 'superseded' } as const;

export class DatasetTableClient {
  /** Workers started so far (each open() after a crash, a busy worker or close() starts one). */
  started = 0;
  private port: DatasetWorkerPort | null = null;
  private requests = 0;
  /** Requests sent and not answered, by id. */
  private readonly pending = new Map<number, Pending>();
  /** The 'encode' the worker is working on (answered or superseded on the page, not yet by the worker). */
  private encoding: number | null = null;
  /** The newest 'encode' asked for while another was running: sent when that one is answered. */
  private queued: { readonly options: TableEncodeOptions; readonly pending: Pending } | null = null;

  constructor(private readonly spawn: SpawnDatasetWorker = spawnDatasetWorker) {}

  /** Whether a worker is running. */
  get running(): boolean {
    return this.port !== null;
  }

  /**
   * Parses a file's bytes in the worker, which keeps the table (and drops the one before). An ArrayBuffer
   * (or a Uint8Array spanning its whole buffer) is transferred, so the caller's copy is detached
   * afterwards; a partial view is copied. Earlier requests are superseded; a worker still busy with one
   * is ended (a parse cannot be interrupted) and a fresh one started.
   */
  open(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, fileName: string, onProgress?: (fraction: number) => void, maxBytes = MAX_FILE_BYTES): Promise<Answer<OpenResult>> {
    const busy = this.pending.size > 0 || this.encoding !== null;
    this.supersedeAll();
    if (busy) this.stop();
    let buffer: ArrayBuffer;
    if (bytes instanceof ArrayBuffer) buffer = bytes;
    else if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) buffer = bytes.buffer;
    else buffer = bytes.slice().buffer;
    return new Promise((settle) => {
      this.send({ type: 'open', id: this.requests + 1, bytes: buffer, fileName, maxBytes }, [buffer], { settle: settle as Pending['settle'], ...(onProgress === undefined ? {} : { onProgress }) });
    });
  }

  /**
   * Encodes the table of the file opened last with `options`. While another encoding runs, only the
   * newest request waits (the ones in between are superseded), so fast typing never queues up work.
   */
  encode(options: TableEncodeOptions): Promise<Answer<EncodeResult>> {
    if (this.port === null) return Promise.resolve({ kind: 'lost', message: 'No file is open in the dataset worker: open the file again.' });
    return new Promise((settle) => {
      const pending: Pending = { settle: settle as Pending['settle'] };
      if (this.encoding !== null) {
        this.pending.get(this.encoding)?.settle(SUPERSEDED);
        this.pending.delete(this.encoding);
        this.queued?.pending.settle(SUPERSEDED);
        this.queued = { options, pending };
        return;
      }
      this.sendEncode(options, pending);
    });
  }

  /** Ends the worker, freeing the table; requests not answered are superseded. */
  close(): void {
    this.supersedeAll();
    this.stop();
  }

  private sendEncode(options: TableEncodeOptions, pending: Pending): void {
    if (this.send({ type: 'encode', id: this.requests + 1, options }, [], pending)) this.encoding = this.requests;
  }

  /** Posts a request, starting a worker when none runs; false (the request settled as lost) when none could be started. */
  private send(request: DatasetRequest, transfer: Transferable[], pending: Pending): boolean {
    if (this.port === null) {
      try {
        this.start();
      } catch (e) {
        pending.settle({ kind: 'lost', message: `The dataset worker could not be started: ${e instanceof Error ? e.message : String(e)}. Reload the page and try again.` });
        return false;
      }
    }
    this.requests = request.id;
    this.pending.set(request.id, pending);
    this.port!.post(request, transfer);
    return true;
  }

  private start(): void {
    let port: DatasetWorkerPort | null = null;
    // Events of a worker that was replaced are ignored.
    const events: DatasetWorkerEvents = {
      message: (data) => {
        if (this.port === port) this.receive(data);
      },
      crash: (detail) => {
        if (this.port === port) this.lose(lostMessage(detail));
      },
    };
    port = this.spawn(events);
    this.port = port;
    this.started++;
  }

  private receive(data: unknown): void {
    const checked = checkReply(data);
    if (!checked.ok) {
      this.lose(lostMessage(`it sent a message that does not check (${checked.message})`));
      return;
    }
    const reply: DatasetReply = checked.reply;
    if (reply.type === 'refused') {
      this.lose(lostMessage(`it refused a request (${reply.message})`));
      return;
    }
    const pending = this.pending.get(reply.id);
    if (reply.type === 'progress') {
      pending?.onProgress?.(reply.fraction);
      return;
    }
    this.pending.delete(reply.id);
    pending?.settle({ kind: 'done', result: reply.result });
    if (reply.id === this.encoding) {
      this.encoding = null;
      const next = this.queued;
      this.queued = null;
      if (next !== null) this.sendEncode(next.options, next.pending);
    }
  }

  /** The worker stopped: every request not answered is lost with `message`. */
  private lose(message: string): void {
    const waiting = [...this.pending.values(), ...(this.queued === null ? [] : [this.queued.pending])];
    this.pending.clear();
    this.queued = null;
    this.stop();
    for (const p of waiting) p.settle({ kind: 'lost', message });
  }

  private supersedeAll(): void {
    const waiting = [...this.pending.values(), ...(this.queued === null ? [] : [this.queued.pending])];
    this.pending.clear();
    this.queued = null;
    for (const p of waiting) p.settle(SUPERSEDED);
  }

  private stop(): void {
    this.port?.terminate();
    this.port = null;
    this.encoding = null;
  }
}

function lostMessage(detail: string): string {
  return `The dataset worker stopped: ${detail}. The file is no longer loaded; open it again.`;
}

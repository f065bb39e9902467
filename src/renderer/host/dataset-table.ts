/**
 * The dataset worker's protocol and what the worker does with it, free of any host so that tests run it
 * without a worker (dataset-table.worker.ts is the thin entry, dataset-table-client.ts the page's side).
 *
 * The worker owns the parsed table of the file being previewed: 'open' parses a file's bytes once and
 * keeps the table (dropping the one before), answering with the preview, the task each column suggests,
 * the default options and their encoding; 'encode' re-encodes the kept table with other options and
 * answers with the dataset and its report. The table itself never crosses back to the page.
 *
 * Every message is checked on arrival on both sides (valibot): a request that does not check is
 * answered with 'refused', a reply that does not check is treated by the page as a broken worker.
 */
import * as v from 'valibot';
import type { EncodeResult, TableEncodeOptions } from '../../core/data/encode-report';
import { defaultOptions, encodeTable, inferTask } from '../../core/data/encode-table';
import type { Task } from '../../core/data/dataset';
import type { Table } from '../../core/data/table';
import { TableOptionsSchema } from '../../core/protocol/spec';
import { type LoadFailure, type TablePreview, loadTable } from '../../loader/load-table';

/** A file parsed and kept by the worker: what the preview shows, and the encoding of the default options. */
export interface OpenedTable {
  readonly ok: true;
  readonly preview: TablePreview;
  readonly warnings: readonly string[];
  /** The task each column suggests as the target (inferTask), in the order of preview.columns. */
  readonly tasks: readonly Task[];
  /** The default options (defaultOptions): the last column as the target, its task, drop, 16. */
  readonly options: TableEncodeOptions;
  /** The table encoded with `options`. */
  readonly encoded: EncodeResult;
}

export type OpenResult = OpenedTable | LoadFailure;

/** Least time between two progress messages (20 per second). */
export const PROGRESS_INTERVAL_MS = 50;

/** Messages the page sends to the dataset worker; `id` is echoed in the answer. */
export type DatasetRequest =
  | { readonly type: 'open'; readonly id: number; readonly bytes: ArrayBuffer; readonly fileName: string; readonly maxBytes?: number }
  | { readonly type: 'encode'; readonly id: number; readonly options: TableEncodeOptions };

/** Messages the dataset worker sends back: progress of an 'open' (at most 20 per second), then one answer per request. */
export type DatasetReply =
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number }
  | { readonly type: 'opened'; readonly id: number; readonly result: OpenResult }
  | { readonly type: 'encoded'; readonly id: number; readonly result: EncodeResult }
  | { readonly type: 'refused'; readonly id: number | null; readonly message: string };

const id = v.pipe(v.number(), v.integer(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const strings = v.array(v.string());
const task = v.picklist(['classification', 'regression']);

const RequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('open'), id, bytes: v.instance(ArrayBuffer), fileName: v.string(), maxBytes: v.optional(count) }),
  v.strictObject({ type: v.literal('encode'), id, options: TableOptionsSchema }),
]) satisfies v.GenericSchema<unknown, DatasetRequest>;

const FailureSchema = v.strictObject({ ok: v.literal(false), message: v.string(), row: v.nullable(v.number()), column: v.nullable(v.string()) });

const PreviewSchema = v.strictObject({
  format: v.picklist(['csv', 'tsv', 'semicolon', 'pipe', 'delimited', 'json']),
  delimiter: v.nullable(v.string()),
  rows: count,
  header: v.boolean(),
  firstRows: v.array(strings),
  firstRowNumbers: v.array(v.number()),
  blankRows: count,
  columns: v.array(
    v.strictObject({
      name: v.string(),
      kind: v.picklist(['numeric', 'categorical']),
      missing: count,
      distinct: count,
      distinctExact: v.boolean(),
      min: v.nullable(v.number()),
      max: v.nullable(v.number()),
    }),
  ),
});

const DatasetSchema = v.strictObject({
  name: v.string(),
  task,
  rows: count,
  dims: count,
  classes: count,
  x: v.instance(Float32Array<ArrayBuffer>),
  y: v.instance(Int32Array<ArrayBuffer>),
  t: v.instance(Float32Array<ArrayBuffer>),
  featureNames: strings,
  classNames: strings,
  targetName: v.string(),
});

const ReportSchema = v.strictObject({
  rowsIn: count,
  rowsKept: count,
  dropped: v.array(v.strictObject({ reason: v.picklist(['missing target', 'missing value']), count, rows: v.array(v.number()), message: v.string() })),
  filled: v.array(v.strictObject({ column: v.string(), count, value: v.nullable(v.number()), message: v.string() })),
  leftOut: v.array(v.strictObject({ column: v.string(), reason: v.picklist(['constant', 'no values', 'too many categories']), message: v.string() })),
  features: v.array(v.strictObject({ column: v.string(), encoding: v.picklist(['numeric', 'one-hot']), dims: count })),
  classBalance: v.array(v.strictObject({ name: v.string(), count })),
});

const EncodeResultSchema = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), dataset: DatasetSchema, report: ReportSchema }),
  v.strictObject({ ok: v.literal(false), message: v.string(), column: v.nullable(v.string()) }),
]) satisfies v.GenericSchema<unknown, EncodeResult>;

const ReplySchema = v.variant('type', [
  v.strictObject({ type: v.literal('progress'), id, fraction: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) }),
  v.strictObject({
    type: v.literal('opened'),
    id,
    result: v.variant('ok', [
      v.strictObject({ ok: v.literal(true), preview: PreviewSchema, warnings: strings, tasks: v.array(task), options: TableOptionsSchema, encoded: EncodeResultSchema }),
      FailureSchema,
    ]),
  }),
  v.strictObject({ type: v.literal('encoded'), id, result: EncodeResultSchema }),
  v.strictObject({ type: v.literal('refused'), id: v.nullable(id), message: v.string() }),
]) satisfies v.GenericSchema<unknown, DatasetReply>;

/** Why a message does not check, in one sentence naming the field; null when it does. */
function problem(schema: v.GenericSchema, raw: unknown, what: string): string | null {
  const r = v.safeParse(schema, raw);
  if (r.success) return null;
  const issue = r.issues[0];
  const field = v.getDotPath(issue);
  return `Invalid ${what}${field === null ? '' : ` field "${field}"`}: ${issue.message}`;
}

/** Checks a message from the dataset worker: the reply, or why it is not one. */
export function checkReply(raw: unknown): { readonly ok: true; readonly reply: DatasetReply } | { readonly ok: false; readonly message: string } {
  const message = problem(ReplySchema, raw, 'dataset worker reply');
  // Checked as is (not the parser's copy): the typed arrays of a dataset stay the ones transferred.
  return message === null ? { ok: true, reply: raw as DatasetReply } : { ok: false, message };
}

/** The buffers of an encoding's typed arrays: the transfer list when posting it to another thread. */
export function encodedTransferables(result: EncodeResult): ArrayBuffer[] {
  return result.ok ? [result.dataset.x.buffer, result.dataset.y.buffer, result.dataset.t.buffer] : [];
}

/**
 * What runs in the dataset worker: keeps the table of the file opened last and answers requests
 * (`post` is the worker's postMessage; `now` a clock in milliseconds, for throttling progress).
 */
export class TableHolder {
  private table: Table | null = null;

  constructor(
    private readonly post: (reply: DatasetReply, transfer: ArrayBuffer[]) => void,
    private readonly now: () => number,
  ) {}

  /** Whether a table is kept (a file opened and parsed). */
  get holding(): boolean {
    return this.table !== null;
  }

  /** Answers one message from the page. */
  handle(raw: unknown): void {
    const invalid = problem(RequestSchema, raw, 'dataset worker request');
    if (invalid !== null) {
      const rawId = (raw as { id?: unknown } | null)?.id;
      this.post({ type: 'refused', id: typeof rawId === 'number' && v.is(id, rawId) ? rawId : null, message: invalid }, []);
      return;
    }
    const request = raw as DatasetRequest;
    if (request.type === 'open') this.open(request);
    else this.encode(request.id, request.options);
  }

  private open(request: Extract<DatasetRequest, { type: 'open' }>): void {
    // The table before goes first: two large files are never held at once.
    this.table = null;
    let last = -Infinity;
    const onProgress = (fraction: number) => {
      const t = this.now();
      if (t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      this.post({ type: 'progress', id: request.id, fraction }, []);
    };
    const loaded = loadTable(new Uint8Array(request.bytes), request.fileName, { onProgress, ...(request.maxBytes === undefined ? {} : { maxBytes: request.maxBytes }) });
    if (!loaded.ok) {
      this.post({ type: 'opened', id: request.id, result: loaded }, []);
      return;
    }
    const table = loaded.table;
    this.table = table;
    const options = defaultOptions(table);
    const encoded = encodeTable(table, options);
    const result: OpenedTable = { ok: true, preview: loaded.preview, warnings: loaded.warnings, tasks: table.columns.map(inferTask), options, encoded };
    this.post({ type: 'opened', id: request.id, result }, encodedTransferables(encoded));
  }

  private encode(requestId: number, options: TableEncodeOptions): void {
    const table = this.table;
    const result: EncodeResult =
      table === null ? { ok: false, message: 'No file is open in the dataset worker: open the file again.', column: null } : encodeTable(table, options);
    this.post({ type: 'encoded', id: requestId, result }, encodedTransferables(result));
  }
}

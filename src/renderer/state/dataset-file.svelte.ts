/**
 * A user's dataset file from choosing it to training on it: read and parsed once in the dataset worker
 * (progress, Cancel), which keeps the table while the preview is open; previewed with the encoding options
 * (target, task, missing values, one-hot limit), each change sending only the options to the worker and
 * showing the encode report it answers; and only on "Train on this dataset" sent to the engine with its
 * rows. A bad file, a cancel, a worker that stopped or a refusal by the engine leaves the open session
 * exactly as it was. Closing the preview (or a message about a file that was not read) ends the worker.
 */
import type { EncodeReport, TableEncodeOptions } from '../../core/data/encode-report';
import type { Dataset, Task } from '../../core/data/dataset';
import type { TablePreview } from '../../loader/load-table';
import { checkFileSize } from '../../loader/limits';
import { DatasetTableClient } from '../host/dataset-table-client';
import { checkNumber, ONE_HOT_RULE } from './dataset-form';
import type { SessionController } from './session.svelte';

/** Where the flow is. */
export type FilePhase = 'closed' | 'reading' | 'failed' | 'preview' | 'starting';

/** Why a file could not be loaded or encoded, as shown in place. */
export interface FileFailure {
  readonly message: string;
  readonly row: number | null;
  readonly column: string | null;
}

/** The file's encoding as last computed for the options shown. */
export type Encoded = { readonly ok: true; readonly dataset: Dataset; readonly report: EncodeReport } | { readonly ok: false; readonly message: string; readonly column: string | null };

/** Extensions the chooser offers (the loader reads any delimited text or JSON). */
export const DATASET_ACCEPT = '.csv,.tsv,.txt,.json';
/** Longest file name a spec records (spec.dataset.name). */
const MAX_NAME = 255;

/** The SHA-256 of some bytes as 64 lowercase hex digits (WebCrypto; the page is a secure context). */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export class DatasetFileFlow {
  phase = $state<FilePhase>('closed');
  /** The file's name and size in bytes. */
  fileName = $state('');
  fileBytes = $state(0);
  /** Share of the file parsed, [0, 1]. */
  progress = $state(0);
  failure = $state.raw<FileFailure | null>(null);
  preview = $state.raw<TablePreview | null>(null);
  warnings = $state.raw<readonly string[]>([]);
  /** Options as chosen; the one-hot limit as typed (checked with a hint). */
  target = $state('');
  task = $state<TableEncodeOptions['task']>('classification');
  missing = $state<TableEncodeOptions['missing']>('drop');
  oneHotText = $state(String(ONE_HOT_RULE.initial));
  /** The train/test split chosen in the preview (share of rows held out), or null for the session's. */
  testFraction = $state<number | null>(null);
  /** The task the target column suggests. */
  inferredTask = $state<TableEncodeOptions['task']>('classification');
  /** True while the table is being encoded for the options shown. */
  encoding = $state(false);
  encoded = $state.raw<Encoded | null>(null);
  /** Why the engine refused to start on the file, shown in place. */
  trainError = $state<string | null>(null);

  /** The task each column of the file suggests as the target, in the order of preview.columns (from the worker). */
  private tasks: readonly Task[] = [];
  private sha256 = '';
  /** Bumped by every new file and every cancel, so that late answers about an older one are ignored. */
  private generation = 0;

  /**
   * `session` gives the controller that trains (a getter: the flow belongs to it); `worker` is the
   * dataset worker's client, which owns the parsed table.
   */
  constructor(
    private readonly session: () => SessionController,
    readonly worker = new DatasetTableClient(),
  ) {}

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.phase !== 'closed';
  }

  /** The one-hot limit as typed, checked. */
  get oneHot(): ReturnType<typeof checkNumber> {
    return checkNumber(this.oneHotText, ONE_HOT_RULE);
  }

  /** The options shown, or null while the one-hot limit does not check. */
  get options(): TableEncodeOptions | null {
    const limit = this.oneHot;
    return limit.ok ? { target: this.target, task: this.task, missing: this.missing, oneHotLimit: limit.value } : null;
  }

  /** The split training would use: the one chosen in the preview, else the open session's. */
  get effectiveTestFraction(): number {
    return this.testFraction ?? this.session().spec?.testFraction ?? 0;
  }

  /** Whether "Train on this dataset" can be pressed: an encoding of the options shown, that worked. */
  get canTrain(): boolean {
    return this.phase === 'preview' && !this.encoding && this.encoded?.ok === true && this.options !== null;
  }

  /** Shows a message about a file (or a drop that was not one file) without touching the session. */
  refuse(message: string, fileName = ''): void {
    this.generation++;
    this.fileName = fileName;
    this.fileBytes = 0;
    this.preview = null;
    this.fail({ message, row: null, column: null });
  }

  /** Reads a File the page was given (file input, drop): refused before reading when too big. */
  async openFile(file: File): Promise<void> {
    const tooBig = checkFileSize(file.name, file.size);
    if (tooBig !== null) {
      this.refuse(tooBig.message, file.name);
      return;
    }
    const generation = this.begin(file.name, file.size);
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch (e) {
      if (generation === this.generation) this.fail({ message: `Could not read "${file.name}": ${e instanceof Error ? e.message : String(e)}. Check that the file still exists and can be read.`, row: null, column: null });
      return;
    }
    await this.load(generation, new Uint8Array(bytes));
  }

  /** Reads a file's bytes the desktop shell handed over (Open Dataset, recent files). */
  async openBytes(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const tooBig = checkFileSize(name, bytes.byteLength);
    if (tooBig !== null) {
      this.refuse(tooBig.message, name);
      return;
    }
    await this.load(this.begin(name, bytes.byteLength), bytes);
  }

  /** Stops reading (Cancel): the dialog closes and nothing else changes. */
  cancel(): void {
    this.close();
  }

  /** Closes the dialog, dropping the file (the session is untouched unless it was trained on). */
  close(): void {
    this.worker.close();
    this.encoding = false;
    this.generation++;
    this.phase = 'closed';
    this.tasks = [];
    this.preview = null;
    this.encoded = null;
    this.failure = null;
    this.trainError = null;
  }

  /** Picks the target column: the task goes back to the one it suggests. */
  setTarget(name: string): void {
    const task = this.tasks[this.preview?.columns.findIndex((c) => c.name === name) ?? -1];
    if (task === undefined) return;
    this.target = name;
    this.inferredTask = task;
    this.task = this.inferredTask;
    this.encode();
  }

  setTask(task: TableEncodeOptions['task']): void {
    this.task = task;
    this.encode();
  }

  setMissing(missing: TableEncodeOptions['missing']): void {
    this.missing = missing;
    this.encode();
  }

  setOneHot(text: string): void {
    this.oneHotText = text;
    this.encode();
  }

  /**
   * Sends 'init' with the session's network and lanes, the file as the dataset and its rows beside it;
   * closes the dialog once the engine is ready on it, or shows the engine's refusal in place.
   */
  async train(): Promise<void> {
    const options = this.options;
    const encoded = this.encoded;
    if (!this.canTrain || options === null || encoded?.ok !== true) return;
    const generation = this.generation;
    this.phase = 'starting';
    this.trainError = null;
    const name = this.fileName.length > MAX_NAME ? this.fileName.slice(0, MAX_NAME) : this.fileName;
    const error = await this.session().changeDataset({ kind: 'file', name, sha256: this.sha256, bytes: this.fileBytes, options }, encoded.dataset, this.testFraction ?? undefined);
    if (generation !== this.generation) return;
    if (error === null) {
      const note = this.session().datasetNote;
      this.session().files.status = `Training on ${this.fileName}: ${encoded.dataset.rows.toLocaleString('en-US')} rows${note === null ? '' : `; ${note}`}`;
      this.close();
      return;
    }
    this.trainError = `Leaky Lab could not start on "${this.fileName}": ${error} The session that was open is unchanged.`;
    this.phase = 'preview';
  }

  private begin(name: string, size: number): number {
    this.encoding = false;
    this.generation++;
    this.fileName = name;
    this.fileBytes = size;
    this.progress = 0;
    this.failure = null;
    this.preview = null;
    this.encoded = null;
    this.trainError = null;
    this.testFraction = null;
    this.tasks = [];
    this.phase = 'reading';
    return this.generation;
  }

  private async load(generation: number, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    let sha256: string;
    try {
      // Hashed before parsing: the worker takes the buffer over (transferred).
      sha256 = await sha256Hex(bytes);
    } catch (e) {
      if (generation === this.generation) this.fail({ message: `Could not load "${this.fileName}": ${e instanceof Error ? e.message : String(e)}`, row: null, column: null });
      return;
    }
    if (generation !== this.generation) return;
    const answer = await this.worker.open(bytes, this.fileName, (f) => {
      if (generation === this.generation) this.progress = f;
    });
    // Superseded: Cancel or another file; the flow has moved on already.
    if (generation !== this.generation || answer.kind === 'superseded') return;
    if (answer.kind === 'lost') {
      this.fail({ message: answer.message, row: null, column: null });
      return;
    }
    const result = answer.result;
    if (!result.ok) {
      this.fail(result);
      return;
    }
    this.sha256 = sha256;
    this.tasks = result.tasks;
    this.preview = result.preview;
    this.warnings = result.warnings;
    this.target = result.options.target;
    this.task = result.options.task;
    this.inferredTask = result.options.task;
    this.missing = result.options.missing;
    this.oneHotText = String(result.options.oneHotLimit);
    // The worker encoded the default options along with the parse.
    this.encoded = result.encoded;
    this.encoding = false;
    this.phase = 'preview';
  }

  /** Encodes the kept table for the options shown (only the options go to the worker); a newer request supersedes an older one. */
  private encode(): void {
    this.trainError = null;
    const options = this.options;
    if (this.preview === null || options === null) {
      this.encoding = false;
      return;
    }
    const generation = this.generation;
    this.encoding = true;
    void this.worker.encode(options).then((answer) => {
      if (generation !== this.generation || answer.kind === 'superseded') return;
      this.encoding = false;
      // The worker stopped: the table is gone with it, so the preview cannot go on.
      if (answer.kind === 'lost') this.fail({ message: answer.message, row: null, column: null });
      else this.encoded = answer.result;
    });
  }

  /** Shows why the file cannot be previewed; the worker (and any table it kept) is ended. */
  private fail(f: FileFailure): void {
    this.worker.close();
    this.encoding = false;
    this.failure = { message: f.message, row: f.row, column: f.column };
    this.phase = 'failed';
  }
}

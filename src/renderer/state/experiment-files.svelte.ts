import { checkedPayload, datasetFromPayload } from '../../core/engine/dataset-codec';
import { exportTorch } from '../../core/export/export-torch';
import type { DatasetPayload } from '../../core/protocol/dataset-payload';
import { type Experiment, parseExperiment, serializeExperiment } from '../../core/protocol/experiment';
import { METRICS_FILE_NAME } from '../../core/protocol/history-csv';
import type { Command, Parsed } from '../../core/protocol/messages';
import type { Host } from '../host/host';
import { EXPERIMENT_FILE_NAME, readExperimentFile } from './experiment-file';
import { sha256Hex } from './dataset-file.svelte';
import { formatInt } from './format';
import type { MetricHistory } from './history';
import { LaneImages } from './lane-images';

/** What the file actions need from the session controller. */
export interface FilesContext {
  readonly host: () => Host | null;
  readonly send: (cmd: Command) => void;
  /** A fresh request id (the engine echoes it in the 'ready' or error answering the command). */
  readonly request: (kind: string) => string;
  /** Shows an error to the user. */
  readonly fail: (message: string) => void;
  /** The rows of the user's file with this content hash when it is open here, else null. */
  readonly rowsOf?: (sha256: string) => DatasetPayload | null;
}

/** Name of the script "Export as PyTorch script" saves (a side-car gets the same name with .npz). */
export const TORCH_SCRIPT_FILE_NAME = 'leaky-lab-experiment.py';

/**
 * Saving and opening files: experiments (saved with their weights, metric history and state checkpoints,
 * so reopening one shows the same charts and trains on with the same bits), the metrics CSV, images;
 * and the status line beside the file buttons.
 */
export class ExperimentFiles {
  /** What happened to the last file saved or opened (or another short note), for the status line; else null. */
  status = $state<string | null>(null);
  /** The request and file of a 'load' sent, until the engine answers it. */
  private pending: { readonly id: string; readonly name: string; readonly steps: number } | null = null;
  /** Who gets the engine's next exported experiments instead of a save (the report), oldest first. */
  private readonly consumers: ((experiment: Experiment, text: string) => void)[] = [];
  /** Every lane's graph image, registered by the lane panels (for the report). */
  readonly laneImages = new LaneImages();

  constructor(private readonly ctx: FilesContext) {}

  /** Asks the engine for the experiment so far, with everything needed to reopen it at once; saved when the engine answers (`exported`). */
  save(): void {
    this.ctx.send({ type: 'export', states: true });
  }

  /** Saves the engine's answer to `save` (or a menu's export). */
  exported(experiment: Experiment): void {
    const text = serializeExperiment(experiment);
    const consumer = this.consumers.shift();
    if (consumer !== undefined) consumer(experiment, text);
    else void this.saveFile(EXPERIMENT_FILE_NAME, text);
  }

  /**
   * The experiment so far exactly as Save writes it (the same engine export, with states), handed to the
   * caller instead of saved: the engine answers exports in order, so each request gets its own answer.
   */
  experimentText(): Promise<{ readonly experiment: Experiment; readonly text: string }> {
    return new Promise((resolve) => {
      this.consumers.push((experiment, text) => resolve({ experiment, text }));
      this.ctx.send({ type: 'export', states: true });
    });
  }

  /** Saves the engine's metric history (mirrored) as CSV: the same file as `leaky-lab run --history` writes. */
  exportMetrics(history: MetricHistory, task: 'classification' | 'regression' = 'classification'): void {
    void this.saveFile(METRICS_FILE_NAME, history.toCsv(task));
  }

  /**
   * Saves the session so far as a PyTorch script (core/export: the engine's initial weights, rows and
   * batch order, the optimizers and the recorded events), with its side-car .npz when the arrays are big.
   * Steps: the session's, or 1,000 before any training.
   */
  async exportTorch(): Promise<void> {
    const { experiment } = await this.experimentText();
    const ref = experiment.spec.dataset;
    let rows = null;
    try {
      if (ref.kind === 'file') {
        const payload = experiment.data !== undefined ? checkedPayload(experiment.data) : (this.ctx.rowsOf?.(ref.sha256) ?? null);
        if (payload === null) {
          this.ctx.fail(`Could not export a PyTorch script: the rows of your file ${ref.name} are not here (it is too big to travel with the session). Use the command line: npx leaky-lab export-torch EXPERIMENT.json -o run.py --data ${ref.name}`);
          return;
        }
        rows = datasetFromPayload(payload);
      }
      const out = await exportTorch(experiment, rows, { steps: null, scriptName: TORCH_SCRIPT_FILE_NAME, origin: `saved by the app at step ${experiment.steps}`, sha256: sha256Hex });
      if (out.sidecar !== null) await this.saveFile(out.sidecar.name, new Blob([out.sidecar.bytes], { type: 'application/octet-stream' }));
      await this.saveFile(TORCH_SCRIPT_FILE_NAME, out.script);
      // A session past MAX_EXPORT_STEPS exports its first steps only (every step's batch is stored): say so.
      const steps = experiment.steps > out.steps ? `the first ${formatInt(out.steps)} of its ${formatInt(experiment.steps)} steps, the most a script replays` : `${formatInt(out.steps)} steps`;
      if (out.sidecar !== null) this.status = `Saved ${TORCH_SCRIPT_FILE_NAME} (${steps}) and ${out.sidecar.name}: keep them in one folder`;
      else this.status = `Saved ${TORCH_SCRIPT_FILE_NAME} (${steps}): python3 ${TORCH_SCRIPT_FILE_NAME} --check ${METRICS_FILE_NAME}`;
    } catch (e) {
      this.ctx.fail(`Could not export a PyTorch script: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Hands a file to the host (a download on the web), reporting the outcome. */
  async saveFile(name: string, data: string | Blob): Promise<void> {
    const host = this.ctx.host();
    if (host === null) return;
    try {
      await host.saveFile(name, data);
      this.status = `Saved ${name}`;
    } catch (e) {
      this.ctx.fail(`Could not save ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Opens an experiment file: validated here first (a bad file is reported by name and the open session
   * is left alone), then rebuilt by the engine, which answers with 'ready'.
   */
  async open(file: File): Promise<void> {
    this.load(file.name, await readExperimentFile(file));
  }

  /** Opens experiment text the desktop shell read (a native dialog, a file opened from the system). */
  openText(name: string, text: string): void {
    this.load(name, parseExperiment(text, name));
  }

  /** The native open dialog of the desktop shell; main has checked the file's size and type. */
  async openThroughShell(): Promise<void> {
    try {
      const file = (await this.ctx.host()?.pickExperiment?.()) ?? null;
      if (file !== null) this.openText(file.name, file.text);
    } catch (e) {
      this.ctx.fail(e instanceof Error ? e.message : String(e));
    }
  }

  /** After a 'ready': says so when it answers an open, and returns whether it did. */
  loaded(request: string | undefined): boolean {
    const load = this.pending;
    if (load === null || request !== load.id) return false;
    this.pending = null;
    this.status = `Opened ${load.name} at step ${formatInt(load.steps)}`;
    return true;
  }

  /** After an error: true when it answers an open (then reported with the file's name). */
  failed(request: string | undefined, message: string): boolean {
    const load = this.pending;
    if (load === null || request !== load.id) return false;
    this.pending = null;
    this.status = null;
    this.ctx.fail(`Could not open ${load.name}: ${message}`);
    return true;
  }

  private load(name: string, parsed: Parsed<Experiment>): void {
    if (!parsed.ok) {
      this.ctx.fail(parsed.message);
      return;
    }
    const x = parsed.value;
    const id = this.ctx.request('load');
    this.pending = { id, name, steps: x.steps };
    // A file with states is restored at once; an older one is replayed from step 0.
    this.status = `Opening ${name}: ${x.states === undefined || x.states.length === 0 ? 'replaying' : 'restoring'} ${formatInt(x.steps)} steps…`;
    this.ctx.send({ type: 'load', id, experiment: x });
  }
}

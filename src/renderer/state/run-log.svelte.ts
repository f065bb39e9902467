/**
 * Run logs of the user's own PyTorch trainings (python/leaky_lab_monitor.py), owned by the app like the
 * dataset files: the desktop's native dialog (File > Open Run Log, main checks the file first) or the
 * page's file input (the sidebar's Open run log…), parsed with core's reader and diagnosed with core's
 * diagnosis, for the run-log view. Nothing here touches the engine or the explorer's session.
 */
import { RUN_LOG_MAX_BYTES, parseRunLog, type RunLog } from '../../core/protocol/run-log';
import { diagnoseRunLog, summarizeRunLog, type RunLogFinding, type RunLogLayerSummary } from '../../core/protocol/run-log-diagnosis';
import type { Host } from '../host/host';

/** The page's file input accepts these (JSON Lines by its usual names). */
export const RUN_LOG_ACCEPT = '.jsonl,.ndjson,.json,.log,application/jsonl,application/x-ndjson';

/** What the run-log view shows: nothing yet, an opened log with its diagnosis, or a file refused and why. */
export type RunLogState =
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly name: string; readonly log: RunLog; readonly findings: readonly RunLogFinding[]; readonly summaries: readonly RunLogLayerSummary[] }
  | { readonly kind: 'refused'; readonly name: string; readonly message: string };

export class RunLogFiles {
  /** The newest run log opened (or refused). */
  state = $state.raw<RunLogState>({ kind: 'none' });
  /** Counts opens, refusals included: the app shows the run-log view when it changes. */
  opened = $state(0);
  /** The page's file input (web), mounted with the app. */
  private input: HTMLInputElement | null = null;

  constructor(private readonly host: () => Host | null) {}

  /** Uses `input` as the page's file input (an attachment: the returned function lets it go). */
  attachInput(input: HTMLInputElement): () => void {
    this.input = input;
    return () => {
      if (this.input === input) this.input = null;
    };
  }

  /** Open run log…: the native dialog on the desktop, else the page's file input. */
  async choose(): Promise<void> {
    const host = this.host();
    if (host?.pickRunLog === undefined) {
      this.input?.click();
      return;
    }
    try {
      const file = await host.pickRunLog();
      if (file !== null) this.openText(file.name, file.text);
    } catch (e) {
      this.refuse('the chosen file', e instanceof Error ? e.message : String(e));
    }
  }

  /** A file picked with the page's file input: size-checked before it is read. */
  async chosen(file: File): Promise<void> {
    if (file.size > RUN_LOG_MAX_BYTES) {
      this.refuse(file.name, `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB, more than the ${RUN_LOG_MAX_BYTES / 1024 / 1024} MB a run log may be. Record less often (a larger every= in LeakyLabMonitor).`);
      return;
    }
    try {
      this.openText(file.name, await file.text());
    } catch (e) {
      this.refuse(file.name, `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Parses and diagnoses a run log's text (core's reader: a malformed line is read up to). */
  openText(name: string, text: string): void {
    const parsed = parseRunLog(text, name);
    if (!parsed.ok) {
      this.refuse(name, parsed.message);
      return;
    }
    this.state = { kind: 'open', name, log: parsed.log, findings: diagnoseRunLog(parsed.log), summaries: summarizeRunLog(parsed.log) };
    this.opened++;
  }

  /** Closes the log (the view goes back to the explorer). */
  close(): void {
    this.state = { kind: 'none' };
  }

  private refuse(name: string, message: string): void {
    this.state = { kind: 'refused', name, message };
    this.opened++;
  }
}

import type { MenuCommand } from '../../core/protocol/bridge';
import type { Command, EngineMessage } from '../../core/protocol/messages';

/** A live connection to one engine: commands out, messages in. Same shape on every host. */
export interface EnginePort {
  /** Sends one command to the engine. */
  post(cmd: Command): void;
  /** Registers the (single) listener for engine messages; replaces any earlier one. */
  onMessage(cb: (m: EngineMessage) => void): void;
  /** Stops the engine connection; no message is delivered afterwards. */
  close(): void;
}

/** What the renderer needs from wherever it runs (web page or desktop window). */
export interface Host {
  /** Which implementation this is. */
  readonly kind: 'web' | 'electron';
  /** Starts (or attaches to) an engine and resolves once its port can take commands. */
  connectEngine(): Promise<EnginePort>;
  /** Hands a file to the user (a download on the web); `data` is text (JSON, CSV) or a binary Blob (PNG). */
  saveFile(name: string, data: string | Blob): Promise<void>;
  /** Desktop only: menu commands and files opened from the system, forwarded to the UI. */
  onDesktopEvents?(handlers: DesktopEvents): void;
  /** Desktop only: the native open dialog for an experiment; null when cancelled; throws naming the problem. */
  pickExperiment?(): Promise<{ readonly name: string; readonly text: string } | null>;
  /** Desktop only: the native open dialog for a dataset file (main checks size and type); null when cancelled; throws naming the problem. */
  pickDataset?(): Promise<OpenedDatasetFile | null>;
  /** Desktop only: the native open dialog for a run log (main checks size, type and header); null when cancelled; throws naming the problem. */
  pickRunLog?(): Promise<{ readonly name: string; readonly text: string } | null>;
  /** Desktop only: the dataset files opened recently, newest first (files that have gone are left out). */
  recentDatasets?(): Promise<readonly RecentDataset[]>;
  /** Desktop only: reads a recent dataset file again; throws naming the problem (a file that has gone). */
  openRecentDataset?(id: string): Promise<OpenedDatasetFile>;
}

/** A dataset file the desktop shell read: its name (never its path) and its bytes. */
export interface OpenedDatasetFile {
  readonly name: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** A recent dataset file as the page sees it: an opaque id to open it again, and its name. */
export interface RecentDataset {
  readonly id: string;
  readonly name: string;
}

/** What the desktop shell can ask of the UI: a menu command, or an experiment file it read. */
export interface DesktopEvents {
  command(name: MenuCommand): void;
  experimentOpened(name: string, text: string): void;
}

/** Picks the desktop host when the preload bridge is present, else the web host. */
export async function pickHost(): Promise<Host> {
  if (window.leakyLab !== undefined) {
    const { ElectronHost } = await import('./electron-host');
    return new ElectronHost(window.leakyLab);
  }
  const { WebHost } = await import('./web-host');
  return new WebHost();
}

/**
 * Wraps anything with postMessage/onmessage (a Worker or a MessagePort) as an EnginePort. Messages that
 * arrive before the listener is registered are kept; `fail` lets the host report its own failures as
 * engine 'error' messages.
 */
export function portFrom(target: {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}, close: () => void): EnginePort & { fail(message: string): void } {
  let listener: ((m: EngineMessage) => void) | null = null;
  let closed = false;
  // Messages that arrive before a listener is registered are kept (the engine says 'ready' once).
  const early: EngineMessage[] = [];
  const deliver = (m: EngineMessage): void => {
    if (closed) return;
    if (listener === null) early.push(m);
    else listener(m);
  };
  target.onmessage = (e: MessageEvent) => deliver(e.data as EngineMessage);
  target.onmessageerror = () => deliver({ type: 'error', message: 'A message from the engine could not be read.', field: null });
  return {
    post: (cmd) => {
      if (!closed) target.postMessage(cmd);
    },
    onMessage: (cb) => {
      listener = cb;
      for (const m of early.splice(0)) cb(m);
    },
    fail: (message) => deliver({ type: 'error', message, field: null }),
    close: () => {
      if (closed) return;
      closed = true;
      target.onmessage = null;
      target.onmessageerror = null;
      close();
    },
  };
}

import { CHANNELS, isMenuCommand, type LeakyLabBridge } from '../../core/protocol/bridge';
import { downloadFile } from './download';
import { type DesktopEvents, type EnginePort, type Host, type OpenedDatasetFile, type RecentDataset, portFrom } from './host';

/** Type tag of the window message the preload uses to hand over the engine MessagePort. */
export const ENGINE_PORT_MESSAGE = CHANNELS.enginePortWindowMessage;

/** Desktop host: the engine is a worker thread in the main process, reached over a MessagePort. */
export class ElectronHost implements Host {
  readonly kind = 'electron' as const;

  constructor(private readonly bridge: LeakyLabBridge, private readonly timeoutMs = 10_000) {}

  /** Asks the preload for a port and resolves when it arrives from this window itself. */
  connectEngine(): Promise<EnginePort> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        window.removeEventListener('message', onWindowMessage);
        reject(new Error(`The desktop engine did not answer within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      const onWindowMessage = (e: MessageEvent): void => {
        if (e.source !== window) return;
        const data: unknown = e.data;
        if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== ENGINE_PORT_MESSAGE) return;
        const port = e.ports[0];
        if (port === undefined) return;
        clearTimeout(timer);
        window.removeEventListener('message', onWindowMessage);
        const enginePort = portFrom(port, () => port.close());
        port.start();
        resolve(enginePort);
      };
      window.addEventListener('message', onWindowMessage);
      this.bridge.requestEnginePort();
    });
  }

  /**
   * Experiments go through main's native save dialog (and are validated there); other files (CSV, PNG)
   * use the same download as the web build, for which Electron shows its own save dialog.
   */
  async saveFile(name: string, data: string | Blob): Promise<void> {
    if (typeof data !== 'string' || !name.endsWith('.leaky.json')) return downloadFile(name, data);
    const r = await this.bridge.saveExperimentAs(data, name);
    if ('error' in r) throw new Error(r.error);
  }

  /** The native open dialog (main checks size and type before reading). */
  async pickExperiment(): Promise<{ readonly name: string; readonly text: string } | null> {
    const r = await this.bridge.openExperiment();
    if ('error' in r) throw new Error(r.error);
    return 'text' in r ? r : null;
  }

  /** The native open dialog for a dataset file (main checks size and type; the page parses the bytes). */
  async pickDataset(): Promise<OpenedDatasetFile | null> {
    const r = await this.bridge.openDataset();
    if ('error' in r) throw new Error(r.error);
    return 'bytes' in r ? { name: r.name, bytes: r.bytes } : null;
  }

  /** The native open dialog for a run log (main checks size, type and that its header is a run log's). */
  async pickRunLog(): Promise<{ readonly name: string; readonly text: string } | null> {
    const r = await this.bridge.openRunLog();
    if ('error' in r) throw new Error(r.error);
    return 'text' in r ? r : null;
  }

  /** The recent dataset files that still exist, newest first. */
  async recentDatasets(): Promise<readonly RecentDataset[]> {
    const r = await this.bridge.recentFiles();
    return r.files.filter((f) => f.kind === 'dataset').map((f) => ({ id: f.id, name: f.name }));
  }

  /** Reads a recent dataset file again by its id. */
  async openRecentDataset(id: string): Promise<OpenedDatasetFile> {
    const r = await this.bridge.openRecent(id);
    if ('error' in r) throw new Error(r.error);
    if (r.kind !== 'dataset') throw new Error(`${r.name} is an experiment, not a dataset: open it with Open experiment.`);
    return { name: r.name, bytes: r.bytes };
  }

  /** Forwards the native menus' commands and the experiment files main opened. */
  onDesktopEvents(handlers: DesktopEvents): void {
    this.bridge.onMenuCommand((command) => {
      if (isMenuCommand(command)) handlers.command(command);
    });
    this.bridge.onExperimentOpened((file) => handlers.experimentOpened(file.name, file.text));
  }
}

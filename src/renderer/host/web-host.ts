import { downloadFile } from './download';
import { type EnginePort, type Host, portFrom } from './host';

/** Web build host: the engine runs in a module Web Worker spawned from this page. */
export class WebHost implements Host {
  readonly kind = 'web' as const;

  /** Spawns the engine worker; it starts with the default session and says 'ready'. */
  connectEngine(): Promise<EnginePort> {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'leaky-lab-engine' });
    const port = portFrom(worker, () => worker.terminate());
    // A worker that fails to load or throws is reported through the same channel as engine errors.
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      port.fail(`The engine worker failed: ${e.message || 'it could not be loaded'}`);
    };
    return Promise.resolve(port);
  }

  /** Downloads the file through the browser (the user's download folder or save dialog). */
  saveFile(name: string, data: string | Blob): Promise<void> {
    return downloadFile(name, data);
  }
}

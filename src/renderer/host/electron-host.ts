import { downloadFile } from './download';
import { type EnginePort, type Host, portFrom } from './host';

/** Type tag of the window message the preload uses to hand over the engine MessagePort. */
export const ENGINE_PORT_MESSAGE = 'leaky-lab:engine-port';

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

  /** For now the same download as the web build (Electron shows its save dialog); a native dialog can come later. */
  saveFile(name: string, data: string | Blob): Promise<void> {
    return downloadFile(name, data);
  }
}

/** The narrow API the desktop preload exposes on window (absent in the web build). */
interface LeakyLabBridge {
  readonly platform: string;
  readonly versions: Record<string, string>;
  /** Asks the main process for an engine MessagePort; it arrives as a window 'message' event. */
  requestEnginePort(): void;
}

interface Window {
  /** Present only inside the desktop app (set by the preload via contextBridge). */
  readonly leakyLab?: LeakyLabBridge;
}

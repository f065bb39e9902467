/** The desktop preload's API on window (absent in the web build); its contract is src/core/protocol/bridge.ts. */
interface Window {
  /** Present only inside the desktop app (set by the preload via contextBridge). */
  readonly leakyLab?: import('./../core/protocol/bridge').LeakyLabBridge;
}

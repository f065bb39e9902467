/**
 * The relay between the renderer's MessagePort and the engine worker. Electron's MessagePortMain cannot
 * be transferred into a worker_threads Worker, so main sits in the middle: every renderer message is
 * validated here before it reaches the engine (invalid ones are answered and dropped), and every engine
 * message is passed back. No Electron import: the port and worker are handed in.
 */
import { type Command, type EngineMessage, parseCommand } from '../core/protocol/messages';

/** The renderer-facing end of the relay: MessagePortMain in the app, a worker_threads port in tests. */
export interface RendererPort {
  postMessage(message: unknown): void;
  /** Registers the single listener for the renderer's messages (and starts the port). */
  onMessage(listener: (data: unknown) => void): void;
  /** Registers a listener for the other side going away. */
  onClose(listener: () => void): void;
  close(): void;
}

/** The engine-facing end: anything with a worker's postMessage. */
export interface EngineSink {
  postMessage(message: unknown): void;
}

/**
 * Validates one untrusted renderer message; forwards it to the engine (returning the validated command)
 * or answers the port with an error (returning null).
 */
export function relayCommand(raw: unknown, engine: EngineSink, port: RendererPort): Command | null {
  const parsed = parseCommand(raw);
  if (parsed.ok) {
    // The validated value, not the raw one: valibot's output has no unknown keys or prototypes.
    engine.postMessage(parsed.value);
    return parsed.value;
  }
  const reply: EngineMessage = { type: 'error', message: parsed.message, field: parsed.field };
  safePost(port, reply);
  return null;
}

/** Posts to the renderer, ignoring a port that has already closed (the renderer may reload at any time). */
export function safePost(port: RendererPort, message: unknown): boolean {
  try {
    port.postMessage(message);
    return true;
  } catch {
    return false;
  }
}

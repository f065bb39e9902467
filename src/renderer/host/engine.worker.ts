/**
 * Entry of the engine Web Worker (web build). Same runtime as the desktop worker thread; only the
 * host adapter differs: the worker scope's postMessage, performance.now, and a MessageChannel tick
 * (setTimeout(0) is clamped to 4 ms in browsers, which would waste a third of every frame).
 */
import { EngineRuntime } from '../../core/engine/runtime';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
};
const tick = new MessageChannel();
const queue: (() => void)[] = [];
tick.port1.onmessage = () => queue.shift()?.();

const runtime = new EngineRuntime({
  post: (message, transfer) => scope.postMessage(message, transfer),
  now: () => performance.now(),
  later: (fn, delayMs) => {
    if (delayMs > 0) {
      setTimeout(fn, delayMs);
      return;
    }
    queue.push(fn);
    tick.port2.postMessage(null);
  },
});
scope.onmessage = (e: MessageEvent) => runtime.receive(e.data);

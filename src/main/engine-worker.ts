/**
 * Entry of the engine worker thread (node:worker_threads), used by the desktop app and the CLI. It only
 * adapts the host: messages in and out over parentPort, a monotonic clock, and setImmediate for pacing.
 */
import { parentPort } from 'node:worker_threads';
import { EngineRuntime } from '../core/engine/runtime';

if (parentPort === null) throw new Error('engine-worker must run as a worker thread');
const port = parentPort;

const runtime = new EngineRuntime({
  post: (message, transfer) => port.postMessage(message, transfer),
  now: () => performance.now(),
  later: (fn, delayMs) => {
    if (delayMs <= 0) setImmediate(fn);
    else setTimeout(fn, delayMs);
  },
});
port.on('message', (raw: unknown) => runtime.receive(raw));

// Training throughput of a live session with snapshots flowing (about 30 per second, each acknowledged
// at once by a consumer on a real MessageChannel, with its buffers transferred) against the same
// session with snapshots stopped (the first one is never acknowledged, so no other is built or sent).
import { MessageChannel } from 'node:worker_threads';
import { EngineRuntime } from '../../src/core/engine/runtime';
import type { EngineMessage } from '../../src/core/protocol/messages';

/** Steps per second of the default session (two lanes, 2-16-16-2) over `seconds`, with or without snapshots. */
export async function stepsPerSecond(withSnapshots: boolean, seconds: number): Promise<{ rate: number; snapshots: number }> {
  const channel = new MessageChannel();
  let snapshots = 0;
  let lastStep = 0;
  const runtime = new EngineRuntime({
    post: (m, transfer) => channel.port1.postMessage(m, transfer),
    now: () => performance.now(),
    later: (fn, delay) => (delay <= 0 ? setImmediate(fn) : setTimeout(fn, delay)),
  });
  channel.port2.on('message', (m: EngineMessage) => {
    if (m.type !== 'snapshot') return;
    snapshots++;
    lastStep = m.snapshot.lanes[0]!.step;
    if (withSnapshots || snapshots === 1) runtime.receive({ type: 'ack', seq: m.snapshot.seq });
  });
  await new Promise((r) => setTimeout(r, 50));
  // Without snapshots the step count is read by one last acknowledgement at the end.
  runtime.receive({ type: 'play' });
  const start = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  runtime.receive({ type: 'pause' });
  const elapsed = (performance.now() - start) / 1000;
  if (!withSnapshots) {
    const seen = snapshots;
    runtime.receive({ type: 'ack', seq: seen + 1 });
    runtime.receive({ type: 'ack', seq: seen });
  }
  await new Promise((r) => setTimeout(r, 100));
  channel.port1.close();
  return { rate: lastStep / elapsed, snapshots: snapshots - (withSnapshots ? 0 : 1) };
}

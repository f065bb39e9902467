import { EngineRuntime } from '../../../../src/core/engine/runtime';
import type { EngineMessage, Snapshot } from '../../../../src/core/protocol/messages';
import type { Experiment } from '../../../../src/core/protocol/experiment';

/** The runtime on a synchronous host: every command's snapshot arrives before send() returns. */
export function engine() {
  const sent: EngineMessage[] = [];
  let clock = 0;
  // Work the runtime schedules for later (play, a verification) runs only when a test drains it.
  const queue: (() => void)[] = [];
  const runtime = new EngineRuntime({ post: (m) => sent.push(m), now: () => (clock += 0.5), later: (fn) => queue.push(fn) });
  const drain = (max = 100_000): void => {
    for (let i = 0; i < max && queue.length > 0; i++) queue.shift()!();
  };
  const of = <T extends EngineMessage['type']>(type: T) => sent.filter((m): m is Extract<EngineMessage, { type: T }> => m.type === type);
  const last = (): Snapshot => of('snapshot').at(-1)!.snapshot;
  const send = (c: unknown): Snapshot => {
    runtime.receive({ type: 'ack', seq: last().seq });
    runtime.receive(c);
    return last();
  };
  const exported = (opts: { weights?: boolean; history?: boolean; states?: boolean } = {}): Experiment => {
    runtime.receive({ type: 'export', ...opts });
    return of('experiment').at(-1)!.experiment;
  };
  return { runtime, sent, send, drain, last, exported, errors: () => of('error'), notices: () => of('notice'), ready: () => of('ready').at(-1)! };
}

// Open and rewind times of long sessions (scripts/bench-open.mjs prints them): one default session is
// trained once, headless, as the app's engine trains it (states at checkpoints), and at each size it is
// saved with its states, reopened in a fresh runtime, and rewound.
import { EngineRuntime } from '../../src/core/engine/runtime';
import { exportExperiment } from '../../src/core/engine/export-experiment';
import { Replayer } from '../../src/core/engine/replay';
import { Session } from '../../src/core/engine/session';
import { StateStore } from '../../src/core/engine/state-store';
import { parseExperiment, serializeExperiment } from '../../src/core/protocol/experiment';
import type { EngineMessage } from '../../src/core/protocol/messages';
import { defaultSessionSpec } from '../../src/core/protocol/spec';

/** One row of the table: times in milliseconds, the file's size in bytes. */
export interface OpenRewindRow {
  readonly steps: number;
  /** Training 0..steps (what opening, rewinding or recovering cost when they replayed from step 0). */
  readonly replayMs: number;
  readonly fileBytes: number;
  /** Parsing the file and the runtime's 'load' (restore from the newest state) until its first snapshot. */
  readonly openMs: number;
  /** After 2,500 more steps, the runtime's 'rewind' to the checkpoint 1,500 steps back, and to its oldest checkpoint after the start. */
  readonly rewindNearMs: number;
  readonly rewindFarMs: number;
  readonly farStep: number;
}

const now = () => performance.now();

/** A runtime on a synchronous host, as the tests drive it. */
function runtime() {
  const sent: EngineMessage[] = [];
  const r = new EngineRuntime({ post: (m) => sent.push(m), now, later: () => undefined });
  const lastSeq = () => {
    for (let i = sent.length - 1; i >= 0; i--) {
      const m = sent[i]!;
      if (m.type === 'snapshot') return m.snapshot.seq;
    }
    return 0;
  };
  const send = (c: unknown) => {
    r.receive({ type: 'ack', seq: lastSeq() });
    r.receive(c);
  };
  return { send, sent };
}

/** Trains one session to each size in turn (ascending), measuring open and rewind at each. */
export function openRewindRows(sizes: readonly number[], log: (s: string) => void): OpenRewindRow[] {
  const session = new Session(defaultSessionSpec());
  const store = new StateStore();
  const replayer = new Replayer(session, [], { store });
  const rows: OpenRewindRow[] = [];
  let trainedMs = 0;
  for (const steps of sizes) {
    const t0 = now();
    replayer.advance(steps - session.step);
    trainedMs += now() - t0;
    const text = serializeExperiment(exportExperiment(session, [], store, { states: true }));
    const r = runtime();
    const t1 = now();
    const parsed = parseExperiment(text, 'bench.leaky.json');
    if (!parsed.ok) throw new Error(parsed.message);
    r.send({ type: 'load', experiment: parsed.value });
    const openMs = now() - t1;
    const notices = r.sent.filter((m) => m.type === 'notice' || m.type === 'error');
    if (notices.length > 0) throw new Error(`the reopened session was not restored: ${JSON.stringify(notices[0])}`);
    r.send({ type: 'step', count: 2_500 });
    const t2 = now();
    r.send({ type: 'rewind', step: steps + 1_000 });
    const rewindNearMs = now() - t2;
    const snapshots = r.sent.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []));
    const farStep = snapshots.at(-1)?.checkpoints.find((c) => c.step > 0)?.step ?? 0;
    const t3 = now();
    r.send({ type: 'rewind', step: farStep });
    const rewindFarMs = now() - t3;
    const errors = r.sent.filter((m) => m.type === 'error');
    if (errors.length > 0) throw new Error(`a rewind was refused: ${JSON.stringify(errors[0])}`);
    const row = { steps, replayMs: trainedMs, fileBytes: text.length, openMs, rewindNearMs, rewindFarMs, farStep };
    log(`${steps} steps: trained in ${(trainedMs / 1000).toFixed(1)} s; open ${openMs.toFixed(0)} ms, rewind ${rewindNearMs.toFixed(0)} / ${rewindFarMs.toFixed(0)} ms`);
    rows.push(row);
  }
  return rows;
}

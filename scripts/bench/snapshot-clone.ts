// What the desktop relay's copy of a snapshot costs. Electron's MessagePortMain can transfer only ports
// (electron/electron#34905), so main -> renderer copies every snapshot by structured clone; here
// v8.serialize + deserialize (the same algorithm) of real snapshots, in this process.
import { deserialize, serialize } from 'node:v8';
import { Session } from '../../src/core/engine/session';
import { defaultSessionSpec, laneSpec } from '../../src/core/protocol/spec';

/** One row: a session, whether the snapshot carries the boundary grid, its serialized size and the median copy time. */
export interface CloneCost {
  readonly session: string;
  readonly withBoundary: boolean;
  readonly bytes: number;
  readonly micros: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Copy cost of snapshots of the default session and of a four-lane digits session (64 inputs, 2 x 64 hidden). */
export function snapshotCloneCosts(reps: number): CloneCost[] {
  const relu = { kind: 'relu' } as const;
  const sessions: [string, Session][] = [
    ['default (2 lanes, 2-16-16-2)', new Session(defaultSessionSpec())],
    ['digits (4 lanes, 64-64-64-10)', new Session({ ...defaultSessionSpec(), dataset: { kind: 'bundled', name: 'digits' }, hidden: [64, 64], lanes: [0, 1, 2, 3].map((i) => laneSpec(`L${i}`, relu, 0.05)) })],
  ];
  const rows: CloneCost[] = [];
  for (const [name, s] of sessions) {
    for (let i = 0; i < 200; i++) s.stepAll();
    for (const withBoundary of [false, true]) {
      const snap = s.snapshot(1, !withBoundary, 0, null, withBoundary, [], 0, null);
      const times: number[] = [];
      let bytes = 0;
      for (let r = 0; r < reps; r++) {
        const t = performance.now();
        const buf = serialize(snap);
        deserialize(buf);
        times.push((performance.now() - t) * 1000);
        bytes = buf.length;
      }
      rows.push({ session: name, withBoundary, bytes, micros: median(times) });
    }
  }
  return rows;
}

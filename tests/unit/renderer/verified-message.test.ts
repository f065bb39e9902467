// "Verify by replay": the engine replays the session from step 0 in the background and answers with
// every lane's live and replayed fingerprints; the app says in one sentence whether they agree.
import { describe, expect, it } from 'vitest';
import { verifiedMessage, type Verified } from '../../../src/renderer/state/verified-message';
import { engine } from '../core/engine/engine-harness';

describe('verifiedMessage', () => {
  it('says the replay gives the same weights in every lane, for a real verification after a hot-swap', () => {
    const e = engine();
    e.send({ type: 'step', count: 300 });
    e.send({ type: 'set-activation', lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 } });
    e.send({ type: 'step', count: 1200 });
    e.send({ type: 'verify', id: 'verify-1' });
    e.drain();
    const verified = e.sent.filter((m): m is Verified => m.type === 'verified');
    expect(verified).toHaveLength(1);
    expect(verified[0]!.request).toBe('verify-1');
    expect(verifiedMessage(verified[0]!)).toEqual({ ok: true, message: 'Verified: replaying from step 0 to step 1,500 gives the same weights in every lane.' });
  });

  it('names each lane whose replayed weights differ, with both fingerprints', () => {
    const m: Verified = {
      type: 'verified',
      step: 2000,
      lanes: [
        { name: 'ReLU', live: 'aaaa', replayed: 'aaaa' },
        { name: 'Leaky ReLU', live: 'bbbb', replayed: 'cccc' },
      ],
    };
    expect(verifiedMessage(m)).toEqual({ ok: false, message: 'Not verified: replaying from step 0 to step 2,000 gives different weights in lane Leaky ReLU (live fingerprint bbbb, replayed cccc).' });
  });
});

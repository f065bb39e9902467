import type { EngineMessage } from '../../core/protocol/messages';
import { formatInt } from './format';

/** The engine's answer to 'verify'. */
export type Verified = Extract<EngineMessage, { type: 'verified' }>;

/** Where a verification by replay stands: replaying (`done` of `total` steps), or its outcome as a sentence. */
export type VerifyState = { readonly kind: 'running'; readonly done: number; readonly total: number } | { readonly kind: 'done'; readonly ok: boolean; readonly message: string };

/** What a finished verification says: every lane's replayed fingerprint equals its live one, or which lanes differ. */
export function verifiedMessage(m: Verified): { ok: boolean; message: string } {
  const differ = m.lanes.filter((l) => l.live !== l.replayed);
  const range = `replaying from step 0 to step ${formatInt(m.step)}`;
  if (differ.length === 0) return { ok: true, message: `Verified: ${range} gives the same weights in every lane.` };
  const lanes = differ.map((l) => `${l.name} (live fingerprint ${l.live}, replayed ${l.replayed})`).join('; ');
  return { ok: false, message: `Not verified: ${range} gives different weights in ${differ.length === 1 ? 'lane' : 'lanes'} ${lanes}.` };
}

import type { EngineMessage } from '../../core/protocol/messages';
import { verifiedMessage, type VerifyState } from './verified-message';

/**
 * The "Verify by replay" request: the engine replays the session from step 0 in the background (training
 * and every other command go on) and answers with 'verified', sending 'progress' meanwhile.
 */
export class Verification {
  state = $state.raw<VerifyState | null>(null);
  /** The request id of the verification under way, or null. */
  private id: string | null = null;

  /** Marks a verification with request id `id` as sent. */
  start(id: string): void {
    this.id = id;
    this.state = { kind: 'running', done: 0, total: 0 };
  }

  /** Handles the engine's verification messages (an error answering the request too); false for any other message. */
  receive(m: EngineMessage): boolean {
    if (m.type === 'progress') {
      if (m.job === 'verify' && this.id !== null) this.state = { kind: 'running', done: m.done, total: m.total };
      return true;
    }
    if (this.id === null || !('request' in m) || m.request !== this.id) return false;
    if (m.type === 'verified') this.state = { kind: 'done', ...verifiedMessage(m) };
    else if (m.type === 'error') this.state = { kind: 'done', ok: false, message: `Could not verify: ${m.message}` };
    else return false;
    this.id = null;
    return true;
  }
}

/** Decides whether an IPC message comes from a page the app trusts (Electron checklist item 17). */
import { APP_HOST, APP_SCHEME } from './security-policy';

/** The parts of Electron's WebFrameMain that the guard reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * True when `url` is a page of the app itself: scheme app:, host leaky-lab, no credentials or port.
 * Parsed with the URL parser, never by string prefix (a prefix test lets "app://leaky-lab.evil" in).
 */
export function isTrustedSenderUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True when the sender is the top frame of a trusted page (subframes never get engine access). */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  return frame.parent === null && isTrustedSenderUrl(frame.url);
}

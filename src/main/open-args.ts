/**
 * Finds the experiment file in a command line: the app's own (a file double-clicked or passed to
 * `leaky-lab FILE`) and a second instance's, which Electron forwards to the first. Switches (Chromium's
 * and Electron's own, "--..."), the executable and, when run unpackaged, the app path are skipped;
 * the first remaining argument is taken, whatever its extension, so a wrong file gets a clear refusal
 * instead of silently nothing. Pure (the platform and working directory are passed in).
 */
import { posix, win32 } from 'node:path';

/** What the command-line parse needs to know about the process that received it. */
export interface ArgvContext {
  /** Directory of the process that received the arguments (a second instance's own working directory). */
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  /** True when run as `electron .` (process.defaultApp): argv[1] is then the app path, not a file. */
  readonly defaultApp: boolean;
}

/** The absolute path of the file to open from `argv`, or null when none was given. */
export function fileFromArgv(argv: readonly string[], context: ArgvContext): string | null {
  const path = context.platform === 'win32' ? win32 : posix;
  let rest = argv.slice(context.defaultApp ? 2 : 1);
  // "--" ends the switches: everything after it is a file, even if it starts with "-".
  const dashes = rest.indexOf('--');
  const afterDashes = dashes >= 0 ? rest.slice(dashes + 1) : [];
  if (dashes >= 0) rest = rest.slice(0, dashes);
  const candidate = rest.find((a) => a !== '' && !a.startsWith('-')) ?? afterDashes.find((a) => a !== '');
  if (candidate === undefined) return null;
  const fileUrl = /^file:\/\//i.test(candidate) ? fromFileUrl(candidate, context.platform) : candidate;
  if (fileUrl === null) return null;
  return path.resolve(context.cwd, fileUrl);
}

/** A file:// URL as a path, or null when it is not a local file URL. */
function fromFileUrl(url: string, platform: NodeJS.Platform): string | null {
  let parsed: URL;
  let pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.host !== '' && parsed.host !== 'localhost') return null;
  // file:///C:/x -> C:/x on Windows.
  return platform === 'win32' && /^\/[a-z]:/i.test(pathname) ? pathname.slice(1) : pathname;
}

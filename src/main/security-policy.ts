/**
 * The security settings of the desktop shell, as plain constants so tests can assert them without
 * Electron. Only `import type` from 'electron' here: the runtime module throws outside Electron.
 */
import type { CustomScheme, WebPreferences } from 'electron';

/** The custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** The one host the app scheme answers for. */
export const APP_HOST = 'leaky-lab';
/** Origin of every trusted page: app://leaky-lab. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of the app scheme: standard (real origin, relative URLs resolve) and secure (counts as a
 * secure context, like https). It does not bypass CSP and has no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
} as const satisfies NonNullable<CustomScheme['privileges']>;

/**
 * webPreferences of every window, except `preload`, whose path the entry file adds. index.ts spells
 * them out literally (so that Electronegativity, which reads source, can see them);
 * security-policy.test.ts checks that its literal equals this object.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  // Middle-click (auxclick) on a link must not open anything either (Electronegativity's AUXCLICK check).
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

/**
 * Content-Security-Policy sent with every app:// response (the renderer's index.html also carries a
 * meta tag; when both exist the browser enforces both, so this header must allow what the meta allows).
 * It matches that meta policy, tightened (default-src 'none', frames refused). No inline script or
 * style and no eval of any kind (the engine, WebAssembly included, runs in the main process's worker
 * thread, not in the page). Nothing may leave the app: no remote origin appears anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers added to every app:// response besides Content-Type. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** URL patterns whose requests are cancelled: the app never talks to the network or to file://. */
export const BLOCKED_URL_PATTERNS: readonly string[] = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];

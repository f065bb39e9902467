/** Types of scripts/find-browser.mjs (the browser the end-to-end tests drive). */
export type BrowserFound = { source: 'playwright' | 'CHROMIUM_PATH' | 'PATH'; path: string } | { source: null; path: null; message: string };
/** Executable names looked up on PATH, in order. */
export const BROWSER_NAMES: readonly string[];
/** True when `file` is a regular file this process may execute. */
export function isExecutable(file: string): boolean;
/** The executable path of Playwright's own Chromium download (installed or not), or null. */
export function playwrightChromium(): Promise<string | null>;
/** True on Debian, Ubuntu and their derivatives. */
export function isDebianLike(osRelease?: string): boolean;
/** The one line printed when no browser was found. */
export function missingBrowserMessage(platform?: string, debianLike?: boolean): string;
/** Finds the browser: Playwright's own, else CHROMIUM_PATH, else PATH. */
export function findBrowser(options?: { playwrightPath?: string | null; env?: Record<string, string | undefined>; platform?: string }): BrowserFound;

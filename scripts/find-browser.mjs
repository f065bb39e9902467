// Which Chromium the end-to-end tests drive, found the same way by `npm test` (scripts/test.mjs, to
// fail once and early) and by Playwright's config: Playwright's own download when it is installed,
// else CHROMIUM_PATH, else chromium / chromium-browser / google-chrome on PATH. Node-only (a script,
// not part of the app).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Executable names looked up on PATH, in order (".exe" is added on Windows). */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** True when `file` is a regular file this process may execute. */
export function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable path of Playwright's own Chromium download (whether or not it is installed), or null. */
export async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/** True on Debian, Ubuntu and their derivatives (read from /etc/os-release), where apt has a chromium package. */
export function isDebianLike(osRelease = readOsRelease()) {
  return /^ID(_LIKE)?=.*\b(debian|ubuntu)\b/m.test(osRelease);
}

function readOsRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

/** The one line `npm test` prints when no browser was found: how to get one on this OS. */
export function missingBrowserMessage(platform = process.platform, debianLike = platform === 'linux' && isDebianLike()) {
  const install = debianLike ? '`sudo apt-get install chromium` (or `npx playwright install chromium`)' : '`npx playwright install chromium`';
  return `No Chromium for the end-to-end tests: install one with ${install}, or set CHROMIUM_PATH to a Chromium or Chrome executable.`;
}

/**
 * Finds the browser. Returns { source: 'playwright', path } (Playwright's own: launch without an
 * executablePath), { source: 'CHROMIUM_PATH' | 'PATH', path }, or { source: null, path: null, message }
 * with the one line that says what is wrong and what to do. `playwrightPath` is where Playwright's own
 * Chromium would be (from playwrightChromium()); `env` and `platform` default to this process's.
 */
export function findBrowser({ playwrightPath = null, env = process.env, platform = process.platform } = {}) {
  if (playwrightPath !== null && isExecutable(playwrightPath)) return { source: 'playwright', path: playwrightPath };
  const chosen = env['CHROMIUM_PATH'];
  if (chosen !== undefined && chosen !== '') {
    if (isExecutable(chosen)) return { source: 'CHROMIUM_PATH', path: chosen };
    return { source: null, path: null, message: `CHROMIUM_PATH is set to "${chosen}", which is not an executable file: point it at a Chromium or Chrome executable, or unset it to search PATH.` };
  }
  const suffixes = platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of BROWSER_NAMES) {
    for (const dir of (env['PATH'] ?? '').split(delimiter)) {
      if (dir === '') continue;
      for (const suffix of suffixes) {
        const file = join(dir, name + suffix);
        if (isExecutable(file)) return { source: 'PATH', path: file };
      }
    }
  }
  return { source: null, path: null, message: missingBrowserMessage(platform) };
}

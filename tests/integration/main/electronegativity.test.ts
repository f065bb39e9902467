/**
 * The Electron security scan (scripts/electronegativity.mjs, Doyensec's Electronegativity): it passes on
 * the app's shell, fires on a deliberately insecure fixture, and refuses whole-file suppressions.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');

/** Runs the scan (as `npm test` does) on the given paths; asynchronously, so the three scans overlap. */
function scan(...paths: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['scripts/electronegativity.mjs', ...paths], { cwd: repo, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      done({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, out: `${stdout}${stderr}` });
    });
  });
}

describe.concurrent('electronegativity scan', () => {
  it('passes on src/main, src/preload and the renderer page, with its one reviewed suppression listed', async () => {
    const { status, out } = await scan();
    expect(out).toMatch(/^electronegativity: passed: 0 finding\(s\) of medium severity or above, 0 error\(s\), \d+ low\/informational, 1 reviewed suppression\(s\); \d+ files, \d+ checks, Electron \d+\.\d+\.\d+$/m);
    expect(out).toMatch(/reviewed suppression: main\/index\.ts:\d+ .*eng-disable PRELOAD_JS_CHECK/);
    expect(status).toBe(0);
  });

  it('fails on the deliberately insecure fixture, naming each finding', async () => {
    const { status, out } = await scan('tests/fixtures/electronegativity/insecure');
    expect(status).toBe(1);
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(out, id).toMatch(new RegExp(`^(HIGH|MEDIUM) ${id} `, 'm'));
    }
    expect(out).toMatch(/insecure\/main\.js:11:\d+ Review the use of the contextIsolation option/);
    expect(out).toMatch(/^electronegativity: FAILED: \d+ finding\(s\) of medium severity or above/m);
  });

  it('refuses a whole-file eng-disable comment that would hide the findings', async () => {
    const { status, out } = await scan('tests/fixtures/electronegativity/whole-file-suppressed');
    expect(status).toBe(1);
    expect(out).toContain('ERROR whole-file-suppressed/main.js:1 disables checks for the whole file; suppress single reviewed lines instead');
  });
});

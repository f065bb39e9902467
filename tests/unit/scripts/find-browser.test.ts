import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser, isDebianLike, missingBrowserMessage } from '../../../scripts/find-browser.mjs';

// Real files in a temp dir: fake browsers are tiny shell scripts, marked executable or not.
let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'find-browser-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeExe(dir: string, name: string, executable = true): string {
  mkdirSync(join(root, dir), { recursive: true });
  const file = join(root, dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, executable ? 0o755 : 0o644);
  return file;
}
const pathOf = (...dirs: string[]) => dirs.map((d) => join(root, d)).join(delimiter);

describe('findBrowser', () => {
  it("prefers Playwright's own download when it is installed", () => {
    const own = fakeExe('pw', 'chrome');
    fakeExe('bin', 'chromium');
    expect(findBrowser({ playwrightPath: own, env: { CHROMIUM_PATH: fakeExe('x', 'c'), PATH: pathOf('bin') }, platform: 'linux' })).toEqual({ source: 'playwright', path: own });
  });

  it("passes over Playwright's path when nothing is there, then takes CHROMIUM_PATH", () => {
    const chosen = fakeExe('custom', 'my-chrome');
    fakeExe('bin', 'chromium');
    expect(findBrowser({ playwrightPath: join(root, 'pw', 'chrome'), env: { CHROMIUM_PATH: chosen, PATH: pathOf('bin') }, platform: 'linux' })).toEqual({ source: 'CHROMIUM_PATH', path: chosen });
  });

  it('names a CHROMIUM_PATH that is not an executable file instead of silently searching PATH', () => {
    fakeExe('bin', 'chromium');
    const r = findBrowser({ env: { CHROMIUM_PATH: join(root, 'nope'), PATH: pathOf('bin') }, platform: 'linux' });
    expect(r.source).toBeNull();
    if (r.source === null) expect(r.message).toContain(`CHROMIUM_PATH is set to "${join(root, 'nope')}"`);
  });

  it('searches PATH in order of names, then of directories, skipping non-executables and directories', () => {
    fakeExe('a', 'chromium', false);
    mkdirSync(join(root, 'b', 'chromium'), { recursive: true });
    const chrome = fakeExe('b', 'google-chrome');
    const browser = fakeExe('c', 'chromium-browser');
    expect(findBrowser({ env: { PATH: pathOf('a', 'b', 'c') }, platform: 'linux' })).toEqual({ source: 'PATH', path: browser });
    rmSync(browser);
    expect(findBrowser({ env: { PATH: pathOf('a', 'b', 'c') }, platform: 'linux' })).toEqual({ source: 'PATH', path: chrome });
    // An empty CHROMIUM_PATH counts as unset.
    expect(findBrowser({ env: { CHROMIUM_PATH: '', PATH: pathOf('a', 'b') }, platform: 'linux' })).toEqual({ source: 'PATH', path: chrome });
  });

  it('with nothing anywhere, answers one line saying how to get a browser', () => {
    fakeExe('a', 'firefox');
    const r = findBrowser({ env: { PATH: pathOf('a', 'missing') }, platform: 'darwin' });
    expect(r).toEqual({ source: null, path: null, message: missingBrowserMessage('darwin') });
    if (r.source === null) expect(r.message).not.toContain('\n');
  });
});

describe('missingBrowserMessage', () => {
  it('offers apt on Debian and Ubuntu, and Playwright download everywhere', () => {
    expect(missingBrowserMessage('linux', true)).toContain('`sudo apt-get install chromium`');
    expect(missingBrowserMessage('linux', false)).not.toContain('apt-get');
    expect(missingBrowserMessage('darwin', false)).toContain('`npx playwright install chromium`');
    expect(missingBrowserMessage('linux', true)).toContain('`npx playwright install chromium`');
  });

  it('reads Debian-likeness from os-release', () => {
    expect(isDebianLike('PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n')).toBe(true);
    expect(isDebianLike('NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n')).toBe(true);
    expect(isDebianLike('NAME="Fedora Linux"\nID=fedora\n')).toBe(false);
    expect(isDebianLike('')).toBe(false);
  });
});

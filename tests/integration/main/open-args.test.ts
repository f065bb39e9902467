/**
 * Single instance: finding the file in a command line (the app's own or a second instance's), and
 * opening a file the OS hands over, where a bad path gets a clear message and the session is untouched.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPERIMENT_FORMAT, serializeExperiment } from '../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { FileActions } from '../../../src/main/file-actions';
import { fileFromArgv } from '../../../src/main/open-args';
import { handleOpenRequest } from '../../../src/main/open-request';
import { SettingsStore } from '../../../src/main/settings-store';

const linux = { cwd: '/home/ada/work', platform: 'linux', defaultApp: false } as const;

describe('fileFromArgv', () => {
  it.each([
    ['packaged app, no file', ['/opt/Leaky Lab/leaky-lab'], null],
    ['packaged app, relative file', ['/opt/Leaky Lab/leaky-lab', 'runs/a.leaky.json'], '/home/ada/work/runs/a.leaky.json'],
    ['packaged app, absolute file', ['/opt/Leaky Lab/leaky-lab', '/data/b.json'], '/data/b.json'],
    ['Chromium switches before and after', ['/opt/leaky-lab', '--no-sandbox', '--original-process-start-time=1234', 'c.leaky.json', '--enable-logging'], '/home/ada/work/c.leaky.json'],
    ['only switches', ['/opt/leaky-lab', '--inspect', '-v'], null],
    ['a file after --', ['/opt/leaky-lab', '--', '-odd-name.json'], '/home/ada/work/-odd-name.json'],
    ['a file:// URL', ['/opt/leaky-lab', 'file:///data/with%20space.leaky.json'], '/data/with space.leaky.json'],
    ['a remote file URL', ['/opt/leaky-lab', 'file://server/share/x.json'], null],
    ['a malformed file URL', ['/opt/leaky-lab', 'file:///bad%zz.json'], null],
    ['an empty argument', ['/opt/leaky-lab', ''], null],
    ['a wrong file type is still returned, to be refused with a message', ['/opt/leaky-lab', 'notes.txt'], '/home/ada/work/notes.txt'],
  ] as const)('%s', (_name, argv, expected) => {
    expect(fileFromArgv(argv, linux)).toBe(expected);
  });

  it('skips the app path when run unpackaged (electron .)', () => {
    const dev = { ...linux, defaultApp: true };
    expect(fileFromArgv(['/usr/bin/electron', '.'], dev)).toBeNull();
    expect(fileFromArgv(['/usr/bin/electron', '/work/main', 'd.leaky.json'], dev)).toBe('/home/ada/work/d.leaky.json');
  });

  it("resolves against the second instance's own working directory, with Windows paths on Windows", () => {
    const win = { cwd: 'C:\\Users\\ada\\Documents', platform: 'win32', defaultApp: false } as const;
    expect(fileFromArgv(['C:\\Program Files\\Leaky Lab\\Leaky Lab.exe', '--allow-file-access-from-files', 'runs\\e.leaky.json'], win)).toBe('C:\\Users\\ada\\Documents\\runs\\e.leaky.json');
    expect(fileFromArgv(['Leaky Lab.exe', 'D:\\x.json'], win)).toBe('D:\\x.json');
    expect(fileFromArgv(['Leaky Lab.exe', 'file:///D:/y%20z.json'], win)).toBe('D:\\y z.json');
  });
});

describe('handleOpenRequest', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function app() {
    const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-open-'));
    chmodSync(dir, 0o755);
    dirs.push(dir);
    const { store } = await SettingsStore.open(join(dir, 'settings.json'));
    const files = new FileActions({ chooseFile: () => Promise.reject(new Error('no dialog')), chooseSavePath: () => Promise.reject(new Error('no dialog')) }, store);
    const log = { focused: 0, delivered: [] as unknown[], errors: [] as string[][] };
    const deps = { files, focus: () => log.focused++, deliver: (f: unknown) => log.delivered.push(f), showError: (title: string, message: string) => log.errors.push([title, message]) };
    return { dir, deps, log, files };
  }

  it('focuses the window and hands a valid experiment to the page, which Save then writes back to', async () => {
    const { dir, deps, log, files } = await app();
    const text = serializeExperiment({ format: EXPERIMENT_FORMAT, version: 1, spec: defaultSessionSpec(), steps: 42, events: [] });
    writeFileSync(join(dir, 'shared.leaky.json'), text);
    expect(await handleOpenRequest(join(dir, 'shared.leaky.json'), deps)).toBe(true);
    expect(log).toEqual({ focused: 1, delivered: [{ name: 'shared.leaky.json', text }], errors: [] });
    expect(await files.saveExperiment(text, 'other')).toEqual({ name: 'shared.leaky.json' });
  });

  it.each([
    ['a missing file', 'missing.leaky.json', null, /^missing\.leaky\.json no longer exists/],
    ['a wrong file type', 'photo.png', 'PNG', /^photo\.png is not an experiment file/],
    ['a JSON file that is not an experiment', 'package.json', '{"name":"x"}', /^package\.json is not a Leaky Lab experiment file/],
    ['a truncated experiment', 'cut.leaky.json', '{"format":"leaky-lab-experiment","version":1,"spe', /^cut\.leaky\.json is not valid JSON/],
  ])('gives %s a message naming it, and leaves the session untouched', async (_name, file, content, message) => {
    const { dir, deps, log } = await app();
    if (content !== null) writeFileSync(join(dir, file), content);
    expect(await handleOpenRequest(join(dir, file), deps)).toBe(false);
    expect(log.delivered).toEqual([]); // nothing reaches the page, so the open session stays as it was
    expect(log.focused).toBe(1);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]![0]).toBe('Could not open the experiment');
    expect(log.errors[0]![1]).toMatch(message);
    expect(log.errors[0]![1]).toMatch(/The session you have open was not changed\.$/);
  });
});

/**
 * The settings file on real files in a temp folder: round trips, and every way it can be bad (garbage
 * bytes, wrong JSON shape, a newer version's file, a read-only folder, an unreadable file). A bad file
 * is set aside and replaced by the defaults with a notice; nothing throws, and a file that could not be
 * set aside is never overwritten.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, MAX_RECENT_FILES, parseSettings, serializeSettings, type Settings } from '../../../src/main/settings';
import { fileStamp, SettingsStore } from '../../../src/main/settings-store';
import { repoPath, runUnprivileged } from '../../helpers/unprivileged';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});

/** A temp folder the unprivileged child can enter; optionally with a settings file in it. */
function folder(settingsText?: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-settings-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  const file = join(dir, 'settings.json');
  if (settingsText !== undefined) writeFileSync(file, settingsText);
  return { dir, file };
}

const NOW = new Date('2025-03-04T05:06:07.089Z');
const STAMP = '2025-03-04T05-06-07-089Z';
const saved: Settings = {
  version: 1,
  window: { x: 10, y: 20, width: 1200, height: 800, maximized: false, fullScreen: false },
  recentFiles: [{ path: '/home/u/a.leaky.json', kind: 'experiment', openedAt: NOW.toISOString() }],
};

describe('settings file', () => {
  it('starts from the defaults when there is no file, and round-trips what it saves', async () => {
    const { file, dir } = folder();
    const first = await SettingsStore.open(file);
    expect(first.notice).toBeNull();
    expect(first.store.get()).toEqual(defaultSettings());
    expect(await first.store.update(() => saved)).toBeNull();
    const again = await SettingsStore.open(file);
    expect(again.store.get()).toEqual(saved);
    expect(again.notice).toBeNull();
    expect(readdirSync(dir)).toEqual(['settings.json']); // the atomic write leaves no temp file behind
  });

  it('writes the file name stamp without colons (Windows forbids them)', () => {
    expect(fileStamp(NOW)).toBe(STAMP);
  });

  const corrupt: [string, string | Buffer, RegExp][] = [
    ['garbage bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x7b]), /settings\.json is not valid JSON/],
    ['a truncated file', serializeSettings(saved).slice(0, 40), /settings\.json is not valid JSON/],
    ['an empty file', '', /settings\.json is not valid JSON/],
    ['a JSON array', '[]', /invalid field "version"/],
    ['JSON null', 'null', /invalid field "\(top level\)"/],
    ['a wrong type in a field', JSON.stringify({ ...saved, window: { ...saved.window, x: 'left' } }), /invalid field "window\.x"/],
    ['an unknown field', JSON.stringify({ ...saved, theme: 'dark' }), /invalid field "theme"/],
    ['a missing field', JSON.stringify({ version: 1, window: null }), /invalid field "recentFiles"/],
    ['too many recent files', JSON.stringify({ ...saved, recentFiles: Array.from({ length: MAX_RECENT_FILES + 1 }, () => saved.recentFiles[0]) }), /invalid field "recentFiles"/],
    ['an old version', JSON.stringify({ ...saved, version: 0 }), /invalid field "version"/],
  ];

  it.each(corrupt)('sets aside %s as settings.json.corrupt-<time> and uses the defaults, with a notice', async (_name, text, reason) => {
    const { file, dir } = folder(text);
    const { store, notice } = await SettingsStore.open(file, { now: NOW });
    expect(store.get()).toEqual(defaultSettings());
    expect(notice).toMatch(reason);
    expect(notice).toContain(`It was kept as settings.json.corrupt-${STAMP} and the default settings are used instead.`);
    expect(readFileSync(join(dir, `settings.json.corrupt-${STAMP}`))).toEqual(Buffer.from(text));
    expect(parseSettings(readFileSync(file, 'utf8'), 'settings.json')).toEqual({ ok: true, settings: defaultSettings() });
  });

  it("keeps a newer version's file aside instead of overwriting it, and runs on the defaults", async () => {
    const newer = JSON.stringify({ version: 2, window: null, recentFiles: [], telemetry: false });
    const { file, dir } = folder(newer);
    const { store, notice } = await SettingsStore.open(file, { now: NOW });
    expect(store.get()).toEqual(defaultSettings());
    expect(notice).toMatch(/written by a newer Leaky Lab \(settings version 2; this one reads version 1\)/);
    expect(readFileSync(join(dir, `settings.json.newer-${STAMP}`), 'utf8')).toBe(newer);
    expect(await store.update((s) => ({ ...s, window: saved.window }))).toBeNull();
  });

  it('refuses a change that would write invalid settings (a bug), keeping the file as it was', async () => {
    const { file } = folder(serializeSettings(saved));
    const { store } = await SettingsStore.open(file);
    await expect(async () => store.update((s) => ({ ...s, recentFiles: [{ path: '', kind: 'experiment', openedAt: 'yesterday' }] }))).rejects.toThrow();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    expect(store.get()).toEqual(saved);
  });
});

describe('settings file without write permission (run as an unprivileged user)', () => {
  const store = repoPath('src/main/settings-store.ts');

  it('in a read-only folder: a corrupt file is left untouched, defaults are used, saving reports why and never throws', async () => {
    const { dir, file } = folder('{ not json');
    chmodSync(dir, 0o555);
    const result = await runUnprivileged<{ notice: string; settings: Settings; saveError: string }>(`
      const { SettingsStore } = await import(${JSON.stringify(store)});
      const { store, notice } = await SettingsStore.open(${JSON.stringify(file)});
      const saveError = await store.update((s) => ({ ...s, window: { x: 0, y: 0, width: 1000, height: 700, maximized: true, fullScreen: false } }));
      done({ notice, settings: store.get(), saveError });
    `);
    expect(result.notice).toMatch(/settings\.json is not valid JSON/);
    expect(result.notice).toMatch(/could not be set aside \(permission denied\), so it was left untouched; Leaky Lab uses its default settings this time/);
    expect(result.settings.window).toMatchObject({ maximized: true }); // the change applies for this run
    expect(result.saveError).toMatch(/not being saved/);
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('in a read-only folder without a file: defaults, and a save that fails says so', async () => {
    const { dir, file } = folder();
    chmodSync(dir, 0o555);
    const result = await runUnprivileged<{ notice: string | null; saveError: string | null }>(`
      const { SettingsStore } = await import(${JSON.stringify(store)});
      const { store, notice } = await SettingsStore.open(${JSON.stringify(file)});
      done({ notice, saveError: await store.update((s) => s) });
    `);
    expect(result.notice).toBeNull();
    expect(result.saveError).toMatch(/the settings could not be saved to .*settings\.json \(permission denied\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unreadable settings file: defaults with a notice, and the file is never overwritten', async () => {
    const { file } = folder(serializeSettings(saved));
    chmodSync(file, 0o000);
    const result = await runUnprivileged<{ notice: string | null; saveError: string | null }>(`
      const { SettingsStore } = await import(${JSON.stringify(store)});
      const { store, notice } = await SettingsStore.open(${JSON.stringify(file)});
      done({ notice, saveError: await store.update((s) => s) });
    `);
    expect(result.notice).toMatch(/Your settings \(settings\.json\) could not be read \(permission denied\)/);
    expect(result.saveError).toMatch(/not being saved/);
    chmodSync(file, 0o644);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
  });

  it('a settings path whose folder is a file: defaults, the save fails with a reason', async () => {
    const { dir } = folder();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    mkdirSync(join(dir, 'ok'));
    const { store, notice } = await SettingsStore.open(join(dir, 'not-a-folder', 'settings.json'));
    expect(notice).toMatch(/could not be read \(a folder in its path is a file\)/);
    expect(await store.update((s) => s)).toMatch(/not being saved/);
  });
});

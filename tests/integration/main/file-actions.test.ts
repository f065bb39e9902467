/**
 * The file flows behind the preload API, with real files and settings in a temp folder and scripted
 * dialogs: open and save experiments (the current file, Save As, extensions, refusing invalid text),
 * open datasets, a file deleted between choosing and reading, a folder without write permission, and
 * the recent-files list (at most 10, pruned of files that are gone, opaque ids instead of paths).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPERIMENT_FORMAT, type Experiment, serializeExperiment } from '../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { FileActions, type FileDialogs, safeFileName } from '../../../src/main/file-actions';
import { SettingsStore } from '../../../src/main/settings-store';
import { repoPath, runUnprivileged } from '../../helpers/unprivileged';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-files-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

const experiment = (steps: number): Experiment => ({ format: EXPERIMENT_FORMAT, version: 1, spec: defaultSessionSpec(), steps, events: [] });
const text = (steps: number): string => serializeExperiment(experiment(steps));

/** Dialogs that answer from a script and record what they were asked. */
class ScriptedDialogs implements FileDialogs {
  readonly asked: { kind: 'open' | 'save'; title: string; defaultPath?: string }[] = [];
  constructor(private readonly answers: (string | null | (() => string | null))[]) {}
  private answer(): string | null {
    const a = this.answers.shift();
    if (a === undefined) throw new Error('a dialog opened that the test did not expect');
    return typeof a === 'function' ? a() : a;
  }
  chooseFile(o: { title: string; defaultPath?: string }): Promise<string | null> {
    this.asked.push({ kind: 'open', title: o.title, defaultPath: o.defaultPath });
    return Promise.resolve(this.answer());
  }
  chooseSavePath(o: { title: string; defaultPath: string }): Promise<string | null> {
    this.asked.push({ kind: 'save', title: o.title, defaultPath: o.defaultPath });
    return Promise.resolve(this.answer());
  }
}

async function setup(answers: (string | null | (() => string | null))[]) {
  const dir = folder();
  const settingsPath = join(dir, 'settings.json');
  const { store } = await SettingsStore.open(settingsPath);
  const dialogs = new ScriptedDialogs(answers);
  const remembered: string[] = [];
  const files = new FileActions(dialogs, store, { now: () => new Date('2025-01-01T00:00:00.000Z'), onRemember: (p) => remembered.push(p) });
  return { dir, settingsPath, store, dialogs, files, remembered };
}

describe('experiments', () => {
  it('opens one, then saves back to it without asking; the renderer never sees a path', async () => {
    const dir = folder();
    const path = join(dir, 'run.leaky.json');
    writeFileSync(path, text(10));
    const { files, dialogs, remembered } = await setup([path]);
    const opened = await files.openExperiment();
    expect(opened).toEqual({ name: 'run.leaky.json', text: text(10) });
    expect(JSON.stringify(opened)).not.toContain(dir);
    expect(await files.saveExperiment(text(20), 'ignored name')).toEqual({ name: 'run.leaky.json' });
    expect(readFileSync(path, 'utf8')).toBe(text(20));
    expect(dialogs.asked.map((a) => a.kind)).toEqual(['open']);
    expect(remembered).toEqual([path, path]);
  });

  it('asks where on the first Save, offers a cleaned name, and adds the extension a Linux dialog leaves off', async () => {
    const dir = folder();
    const { files, dialogs } = await setup([join(dir, 'my run')]);
    expect(await files.saveExperiment(text(5), '../../etc/pass:wd')).toEqual({ name: 'my run.leaky.json' });
    expect(dialogs.asked).toEqual([{ kind: 'save', title: 'Save Experiment As', defaultPath: 'pass_wd.leaky.json' }]);
    expect(readFileSync(join(dir, 'my run.leaky.json'), 'utf8')).toBe(text(5));
    expect(readdirSync(dir)).toEqual(['my run.leaky.json']); // atomic: no temp file left
  });

  it('Save As always asks, starting in the current file\'s folder', async () => {
    const dir = folder();
    const { files, dialogs } = await setup([join(dir, 'a.json'), join(dir, 'b.leaky.json')]);
    await files.saveExperimentAs(text(1), 'a');
    await files.saveExperimentAs(text(2), 'b');
    expect(dialogs.asked[1]).toEqual({ kind: 'save', title: 'Save Experiment As', defaultPath: join(dir, 'b.leaky.json') });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(text(1));
    expect(readFileSync(join(dir, 'b.leaky.json'), 'utf8')).toBe(text(2));
  });

  it('reports a cancelled dialog as canceled and changes nothing', async () => {
    const { files, store } = await setup([null, null, null]);
    expect(await files.openExperiment()).toEqual({ canceled: true });
    expect(await files.saveExperimentAs(text(1), 'x')).toEqual({ canceled: true });
    expect(await files.openDataset()).toEqual({ canceled: true });
    expect(store.get().recentFiles).toEqual([]);
  });

  it('refuses to write text that is not a valid experiment, before any dialog opens', async () => {
    const dir = folder();
    const { files, dialogs } = await setup([]);
    expect(await files.saveExperimentAs('#!/bin/sh\nrm -rf ~\n', 'evil.sh')).toMatchObject({ error: expect.stringMatching(/^Not saved: evil\.sh\.leaky\.json is not valid JSON/) });
    expect(await files.saveExperiment(JSON.stringify({ ...experiment(1), steps: -1 }), 'x')).toMatchObject({ error: expect.stringMatching(/field "steps"/) });
    expect(dialogs.asked).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the file and the problem when the chosen file is not an experiment, and does not remember it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'data.json'), '{"format":"something-else"}');
    writeFileSync(join(dir, 'newer.leaky.json'), JSON.stringify({ ...experiment(1), version: 9 }));
    writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
    const { files, store } = await setup([join(dir, 'data.json'), join(dir, 'newer.leaky.json'), join(dir, 'latin1.json')]);
    expect(await files.openExperiment()).toEqual({ error: 'data.json is not a Leaky Lab experiment file (its "format" field is not "leaky-lab-experiment").' });
    expect(await files.openExperiment()).toMatchObject({ error: expect.stringMatching(/^newer\.leaky\.json was saved by a newer Leaky Lab/) });
    expect(await files.openExperiment()).toMatchObject({ error: expect.stringMatching(/^latin1\.json is not UTF-8 text/) });
    expect(store.get().recentFiles).toEqual([]);
  });

  it('handles a file deleted between choosing it and reading it', async () => {
    const dir = folder();
    const path = join(dir, 'fleeting.leaky.json');
    writeFileSync(path, text(3));
    const { files } = await setup([() => (unlinkSync(path), path)]);
    expect(await files.openExperiment()).toEqual({
      error: 'fleeting.leaky.json no longer exists; it may have been moved, renamed or deleted after it was chosen. Choose it again from where it is now.',
    });
  });

  it('says why a save failed in a folder without write permission (as an unprivileged user), and writes nothing', async () => {
    const dir = folder();
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const result = await runUnprivileged(`
      const { FileActions } = await import(${JSON.stringify(repoPath('src/main/file-actions.ts'))});
      const { SettingsStore } = await import(${JSON.stringify(repoPath('src/main/settings-store.ts'))});
      const { store } = await SettingsStore.open(${JSON.stringify(join(dir, 'settings.json'))});
      const dialogs = { chooseFile: async () => null, chooseSavePath: async () => ${JSON.stringify(join(locked, 'run.leaky.json'))} };
      done(await new FileActions(dialogs, store).saveExperimentAs(${JSON.stringify(text(4))}, 'run'));
    `);
    expect(result).toEqual({ error: 'run.leaky.json could not be saved (permission denied). Use Save As to choose another folder.' });
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('datasets', () => {
  it('opens a dataset as bytes and starts the next dialog in its folder', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'iris.csv'), 'a,b\n1,2\n');
    const { files, dialogs } = await setup([join(dir, 'iris.csv'), null]);
    expect(await files.openDataset()).toEqual({ name: 'iris.csv', bytes: new Uint8Array(Buffer.from('a,b\n1,2\n')) });
    await files.openDataset();
    expect(dialogs.asked[1]).toEqual({ kind: 'open', title: 'Open Dataset', defaultPath: dir });
  });

  it('refuses a folder and a binary file with messages naming them', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'exports.csv'));
    writeFileSync(join(dir, 'sheet.csv'), Buffer.from('PK\x03\x04\x00\x00', 'latin1'));
    const { files } = await setup([join(dir, 'exports.csv'), join(dir, 'sheet.csv')]);
    expect(await files.openDataset()).toEqual({ error: 'exports.csv is a folder, not a file. Open it and choose the dataset inside.' });
    expect(await files.openDataset()).toMatchObject({ error: expect.stringMatching(/^sheet\.csv looks like a binary file/) });
  });
});

describe('recent files', () => {
  it('keeps the newest 10, without duplicates, saved in the settings, listed by name and opaque id', async () => {
    const dir = folder();
    const paths = Array.from({ length: 12 }, (_, i) => join(dir, `run-${i}.leaky.json`));
    for (const [i, p] of paths.entries()) writeFileSync(p, text(i));
    const { files, settingsPath } = await setup([...paths, paths[3]!]);
    for (let i = 0; i < 13; i++) expect(await files.openExperiment()).toHaveProperty('text');
    const { files: list, pruned } = await files.recentFiles();
    expect(pruned).toEqual([]);
    expect(list.map((f) => f.name)).toEqual(['run-3', 'run-11', 'run-10', 'run-9', 'run-8', 'run-7', 'run-6', 'run-5', 'run-4', 'run-2'].map((n) => `${n}.leaky.json`));
    expect(list.every((f) => /^[0-9a-f]{16}$/.test(f.id) && f.kind === 'experiment')).toBe(true);
    expect(JSON.stringify(list)).not.toContain(dir);
    const onDisk = (await SettingsStore.open(settingsPath)).store.get().recentFiles;
    expect(onDisk.map((f) => f.path)).toEqual([3, 11, 10, 9, 8, 7, 6, 5, 4, 2].map((i) => paths[i]));
  });

  it('prunes files that are gone and reports them; opening a gone one by id says so and prunes it', async () => {
    const dir = folder();
    const [a, b, c] = ['a.leaky.json', 'b.csv', 'c.leaky.json'].map((n) => join(dir, n));
    writeFileSync(a!, text(1));
    writeFileSync(b!, 'x\n1\n');
    writeFileSync(c!, text(2));
    const { files, settingsPath } = await setup([a!, b!, c!]);
    await files.openExperiment();
    await files.openDataset();
    await files.openExperiment();
    const ids = (await files.recentFiles()).files;
    expect(ids.map((f) => [f.name, f.kind])).toEqual([['c.leaky.json', 'experiment'], ['b.csv', 'dataset'], ['a.leaky.json', 'experiment']]);

    expect(await files.openRecent(ids[1]!.id)).toEqual({ kind: 'dataset', name: 'b.csv', bytes: new Uint8Array(Buffer.from('x\n1\n')) });
    unlinkSync(a!);
    expect(await files.recentFiles()).toEqual({ files: [ids[1], ids[0]].map((f) => expect.objectContaining({ name: f!.name })), pruned: ['a.leaky.json'] });
    unlinkSync(c!);
    expect(await files.openRecent(ids[0]!.id)).toMatchObject({ error: expect.stringMatching(/^c\.leaky\.json no longer exists/) });
    expect((await SettingsStore.open(settingsPath)).store.get().recentFiles.map((f) => f.path)).toEqual([b]);
    expect(await files.openRecent('0123456789abcdef')).toEqual({ error: 'That file is no longer in the recent files list. Open it with File > Open instead.' });
    expect(existsSync(b!)).toBe(true);
  });
});

describe('safeFileName', () => {
  it.each([
    ['run', 'run.leaky.json'],
    ['run.leaky.json', 'run.leaky.json'],
    ['run.json', 'run.json'],
    ['../../x', 'x.leaky.json'],
    ['C:\\Users\\a\\b.json', 'b.json'],
    ['a:b*c?"<>|', 'a_b_c_____.leaky.json'],
    ['line\nbreak\u0000', 'line_break_.leaky.json'],
    ['', 'experiment.leaky.json'],
    ['...', 'experiment.leaky.json'],
    [' .hidden ', 'hidden.leaky.json'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});

describe('run logs', () => {
  const fixture = readFileSync(new URL('../../fixtures/run-logs/spiral-relu.jsonl', import.meta.url), 'utf8');

  it('opens a run log the monitor wrote, starts the next dialog in its folder, and keeps it out of the recent files', async () => {
    const dir = folder();
    const path = join(dir, 'spiral.jsonl');
    writeFileSync(path, fixture);
    const { files, dialogs, remembered } = await setup([path, null]);
    const opened = await files.openRunLog();
    expect(opened).toEqual({ name: 'spiral.jsonl', text: fixture });
    expect(JSON.stringify(opened)).not.toContain(dir);
    expect(await files.openRunLog()).toEqual({ canceled: true });
    expect(dialogs.asked.map((a) => [a.title, a.defaultPath])).toEqual([['Open Run Log', undefined], ['Open Run Log', dir]]);
    expect(remembered).toEqual([]);
  });

  it('refuses a file whose header is not a run log, and a name that is not one, saying why', async () => {
    const dir = folder();
    const experimentPath = join(dir, 'run.json');
    writeFileSync(experimentPath, text(5));
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const { files } = await setup([experimentPath, csv]);
    expect(await files.openRunLog()).toEqual({ error: expect.stringContaining('run.json is one JSON document (format "leaky-lab-experiment"), not a run log') });
    expect(await files.openRunLog()).toEqual({ error: expect.stringContaining('data.csv is not a run log (expected a name ending in .jsonl, .ndjson, .json, .log)') });
  });
});

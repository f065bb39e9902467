/**
 * Reading a user's file with real files: the checks that come before any byte is read (extension,
 * folder, pipe, size) and the 8 KB binary sniff, each failure a sentence naming the file and what to do.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPERIMENT_MAX_BYTES } from '../../../src/core/protocol/experiment';
import { decodeUtf8, readUserFile, SNIFF_BYTES } from '../../../src/main/file-read';
import { DATASET_MAX_BYTES, FILE_RULES, formatBytes } from '../../../src/main/file-rules';
import { repoPath, runUnprivileged } from '../../helpers/unprivileged';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-read-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

const csv = 'x1,x2,label\n0.5,1.25,0\n-1,2,1\n';
const dataset = FILE_RULES.dataset;
const experiment = FILE_RULES.experiment;

describe('readUserFile', () => {
  it('reads a dataset and returns its name and exact bytes, never its path', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'points.csv'), csv);
    const r = await readUserFile(join(dir, 'points.csv'), dataset);
    expect(r).toEqual({ ok: true, name: 'points.csv', bytes: new Uint8Array(Buffer.from(csv)) });
    expect(JSON.stringify(r)).not.toContain(dir);
  });

  it('refuses a file of the wrong type by its extension before opening it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'notes.docx'), csv);
    expect(await readUserFile(join(dir, 'notes.docx'), dataset)).toEqual({
      ok: false,
      error: 'notes.docx is not a dataset (expected a name ending in .csv, .tsv, .txt, .json). Choose a dataset instead.',
    });
    expect(await readUserFile(join(dir, 'notes.docx'), experiment)).toMatchObject({ error: expect.stringMatching(/^notes\.docx is not an experiment file \(expected a name ending in \.json, \.leaky\)/) });
    // A bare extension is not a name.
    expect(await readUserFile(join(dir, '.csv'), dataset)).toMatchObject({ ok: false });
  });

  it('says a file deleted (or moved) after it was chosen no longer exists', async () => {
    const dir = folder();
    expect(await readUserFile(join(dir, 'gone.csv'), dataset)).toEqual({
      ok: false,
      error: 'gone.csv no longer exists; it may have been moved, renamed or deleted after it was chosen. Choose it again from where it is now.',
    });
  });

  it('refuses a folder, even one named like a data file', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'runs.csv'));
    expect(await readUserFile(join(dir, 'runs.csv'), dataset)).toEqual({ ok: false, error: 'runs.csv is a folder, not a file. Open it and choose the dataset inside.' });
  });

  it('refuses a named pipe without blocking on it', async () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, 'stream.csv')]);
    expect(await readUserFile(join(dir, 'stream.csv'), dataset)).toMatchObject({ ok: false, error: expect.stringMatching(/^stream\.csv is not a regular file/) });
  });

  it('refuses an empty file', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(await readUserFile(join(dir, 'empty.csv'), dataset)).toMatchObject({ error: expect.stringMatching(/^empty\.csv is empty\./) });
  });

  it.each([
    ['dataset', 'huge.csv', DATASET_MAX_BYTES, /^huge\.csv is 201 MB, but datasets are limited to 200 MB\. Use a sample of its rows/],
    ['experiment', 'huge.leaky.json', EXPERIMENT_MAX_BYTES, /^huge\.leaky\.json is 65 MB, but experiment files are limited to 64 MB\./],
  ] as const)('refuses a %s over its size limit from its size alone (a sparse file: nothing is read)', async (kind, name, limit, message) => {
    const dir = folder();
    const path = join(dir, name);
    closeSync(openSync(path, 'w'));
    truncateSync(path, limit + 1024 * 1024);
    expect(await readUserFile(path, FILE_RULES[kind])).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    // Exactly at the limit is allowed (it is then read: a sparse file reads as zeros, so the sniff refuses it).
    truncateSync(path, limit);
    expect(await readUserFile(path, FILE_RULES[kind])).toMatchObject({ ok: false, error: expect.stringMatching(/looks like a binary file/) });
    expect(formatBytes(limit)).toMatch(/^(200|64) MB$/);
  });

  it('sniffs the first 8 KB for NUL bytes: binary data and UTF-16 text are refused', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'image.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(await readUserFile(join(dir, 'image.csv'), dataset)).toEqual({
      ok: false,
      error: 'image.csv looks like a binary file (it contains NUL bytes), not a dataset. Choose a text file saved as UTF-8.',
    });
    writeFileSync(join(dir, 'excel.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    expect(await readUserFile(join(dir, 'excel.csv'), dataset)).toMatchObject({ error: expect.stringMatching(/^excel\.csv is UTF-16 text, not a dataset\. Choose a text file saved as UTF-8\./) });
    // Only the head is sniffed: a NUL beyond it is the parser's problem, not a reason to refuse.
    const late = Buffer.concat([Buffer.from('a'.repeat(SNIFF_BYTES)), Buffer.from([0])]);
    writeFileSync(join(dir, 'late.csv'), late);
    expect(await readUserFile(join(dir, 'late.csv'), dataset)).toMatchObject({ ok: true, bytes: new Uint8Array(late) });
  });

  it('reads a large text file whole', async () => {
    const dir = folder();
    const big = 'x1,x2,label\n' + '0.25,-0.5,1\n'.repeat(200_000);
    writeFileSync(join(dir, 'big.csv'), big);
    const r = await readUserFile(join(dir, 'big.csv'), dataset);
    expect(r.ok && Buffer.from(r.bytes).toString()).toBe(big);
  });

  it('decodes UTF-8 (dropping a byte-order mark) and rejects invalid UTF-8', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeUtf8(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).toBeNull();
  });

  it('says a file without read permission cannot be read (as an unprivileged user)', async () => {
    const dir = folder();
    const path = join(dir, 'secret.csv');
    writeFileSync(path, csv);
    chmodSync(path, 0o000);
    const result = await runUnprivileged(`
      const { readUserFile } = await import(${JSON.stringify(repoPath('src/main/file-read.ts'))});
      const { FILE_RULES } = await import(${JSON.stringify(repoPath('src/main/file-rules.ts'))});
      done(await readUserFile(${JSON.stringify(path)}, FILE_RULES.dataset));
    `);
    expect(result).toEqual({
      ok: false,
      error: "secret.csv cannot be read: permission denied. Check the file's permissions (or copy it to a folder of yours) and try again.",
    });
  });
});

/** The adapter from Electron's dialog module to the file flows' dialogs, with a recording stand-in. */
import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { FILE_RULES } from '../../../src/main/file-rules';
import { nativeFileDialogs } from '../../../src/main/native-dialogs';

/** A stand-in for Electron's dialog that records its calls and answers from a script. */
function fakeDialog(open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath: string }) {
  const calls: unknown[][] = [];
  const dialog = {
    showOpenDialog: (...args: unknown[]) => (calls.push(['open', ...args]), Promise.resolve(open)),
    showSaveDialog: (...args: unknown[]) => (calls.push(['save', ...args]), Promise.resolve(save)),
  } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  return { dialog, calls };
}

describe('nativeFileDialogs', () => {
  it('opens one file with the kind\'s filters, attached to the window, and returns its path', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/data/a.csv', '/data/b.csv'] }, { canceled: false, filePath: '' });
    const window = { id: 1 } as unknown as BrowserWindow;
    const path = await nativeFileDialogs(dialog, () => window).chooseFile({ title: 'Open Dataset', filters: FILE_RULES.dataset.filters, defaultPath: '/data' });
    expect(path).toBe('/data/a.csv');
    expect(calls).toEqual([['open', window, { title: 'Open Dataset', defaultPath: '/data', filters: [{ name: 'Data tables (CSV, TSV, JSON)', extensions: ['csv', 'tsv', 'txt', 'json'] }], properties: ['openFile'] }]]);
  });

  it('returns null for a cancelled dialog or an empty answer, and works without a window', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true, filePaths: [] }, { canceled: false, filePath: '' });
    const dialogs = nativeFileDialogs(dialog, () => null);
    expect(await dialogs.chooseFile({ title: 'Open Experiment', filters: FILE_RULES.experiment.filters })).toBeNull();
    expect(await dialogs.chooseSavePath({ title: 'Save Experiment As', filters: FILE_RULES.experiment.filters, defaultPath: 'run.leaky.json' })).toBeNull();
    expect(calls.map((c) => c.length)).toEqual([2, 2]); // no parent window argument
  });

  it('returns the chosen save path', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePaths: [] }, { canceled: false, filePath: '/home/u/run.leaky.json' });
    expect(await nativeFileDialogs(dialog, () => null).chooseSavePath({ title: 'Save', filters: [], defaultPath: 'run.leaky.json' })).toBe('/home/u/run.leaky.json');
  });
});

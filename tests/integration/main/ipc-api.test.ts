/**
 * The file API's IPC handlers: every channel refuses senders other than the app's own top frame and
 * arguments that do not match its schema, before a dialog opens or a file is touched.
 */
import { describe, expect, it } from 'vitest';
import type { FileActions } from '../../../src/main/file-actions';
import { fileIpcHandlers, RefusedCall } from '../../../src/main/ipc-api';
import * as channels from '../../../src/main/ipc-channels';
import type { SenderFrame } from '../../../src/main/ipc-guard';

const trusted: SenderFrame = { url: 'app://leaky-lab/index.html', parent: null };

/** A FileActions stand-in that records which flows ran, and with what. */
function recordingFiles() {
  const calls: unknown[][] = [];
  const record = (name: string) => (...args: unknown[]) => (calls.push([name, ...args]), Promise.resolve({ ran: name }));
  const files = {
    openExperiment: record('openExperiment'),
    saveExperiment: record('saveExperiment'),
    saveExperimentAs: record('saveExperimentAs'),
    openDataset: record('openDataset'),
    openRunLog: record('openRunLog'),
    recentFiles: record('recentFiles'),
    openRecent: record('openRecent'),
  } as unknown as FileActions;
  return { calls, handlers: fileIpcHandlers(files) };
}

const INVOKE_CHANNELS = [channels.OPEN_EXPERIMENT, channels.SAVE_EXPERIMENT, channels.SAVE_EXPERIMENT_AS, channels.OPEN_DATASET, channels.OPEN_RUN_LOG, channels.RECENT_FILES, channels.OPEN_RECENT];
const GOOD_ARGS: Record<string, unknown[]> = {
  [channels.OPEN_EXPERIMENT]: [],
  [channels.SAVE_EXPERIMENT]: ['{}', 'run'],
  [channels.SAVE_EXPERIMENT_AS]: ['{}', 'run'],
  [channels.OPEN_DATASET]: [],
  [channels.OPEN_RUN_LOG]: [],
  [channels.RECENT_FILES]: [],
  [channels.OPEN_RECENT]: ['0123456789abcdef'],
};

describe('file IPC handlers', () => {
  it('exist for exactly the invoke channels', () => {
    expect(Object.keys(recordingFiles().handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('run the flow for the trusted page with valid arguments', async () => {
    const { calls, handlers } = recordingFiles();
    for (const channel of INVOKE_CHANNELS) await handlers[channel]!(trusted, GOOD_ARGS[channel]!);
    expect(calls).toEqual([['openExperiment'], ['saveExperiment', '{}', 'run'], ['saveExperimentAs', '{}', 'run'], ['openDataset'], ['openRunLog'], ['recentFiles'], ['openRecent', '0123456789abcdef']]);
  });

  const untrusted: [string, SenderFrame | null | undefined][] = [
    ['no frame', null],
    ['an undefined frame', undefined],
    ['a subframe of the app', { url: 'app://leaky-lab/index.html', parent: trusted }],
    ['a look-alike host', { url: 'app://leaky-lab.evil.com/index.html', parent: null }],
    ['a web page', { url: 'https://example.com/', parent: null }],
    ['a file:// page', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['devtools', { url: 'devtools://devtools/bundled/inspector.html', parent: null }],
  ];
  it.each(untrusted)('refuse %s on every channel without running anything', async (_name, frame) => {
    const { calls, handlers } = recordingFiles();
    for (const channel of INVOKE_CHANNELS) {
      await expect(handlers[channel]!(frame, GOOD_ARGS[channel]!), channel).rejects.toThrow(RefusedCall);
    }
    expect(calls).toEqual([]);
  });

  const badArgs: [string, unknown[]][] = [
    [channels.OPEN_EXPERIMENT, ['/etc/passwd']],
    [channels.OPEN_DATASET, [{ path: '/etc/passwd' }]],
    [channels.OPEN_RUN_LOG, ['/etc/passwd']],
    [channels.RECENT_FILES, [1]],
    [channels.SAVE_EXPERIMENT, []],
    [channels.SAVE_EXPERIMENT, ['{}']],
    [channels.SAVE_EXPERIMENT, [{}, 'run']],
    [channels.SAVE_EXPERIMENT, ['{}', 42]],
    [channels.SAVE_EXPERIMENT, ['{}', 'run', '/tmp/target']],
    [channels.SAVE_EXPERIMENT_AS, ['{}', 'x'.repeat(256)]],
    [channels.SAVE_EXPERIMENT_AS, [new String('{}'), 'run']],
    [channels.OPEN_RECENT, []],
    [channels.OPEN_RECENT, ['../../etc/passwd']],
    [channels.OPEN_RECENT, ['0123456789ABCDEF']],
    [channels.OPEN_RECENT, [['0123456789abcdef']]],
  ];
  it.each(badArgs)('answer %s with bad arguments %j by an error, running nothing', async (channel, args) => {
    const { calls, handlers } = recordingFiles();
    const answer = await handlers[channel]!(trusted, args);
    expect(answer).toMatchObject({ error: expect.stringContaining(`Invalid arguments to ${channel}`) });
    expect(calls).toEqual([]);
  });

  it('refuse experiment text over the size limit without running the save', async () => {
    const { calls, handlers } = recordingFiles();
    const huge = 'x'.repeat(64 * 1024 * 1024 + 1);
    expect(await handlers[channels.SAVE_EXPERIMENT]!(trusted, [huge, 'run'])).toMatchObject({ error: expect.stringContaining('Invalid arguments') });
    expect(calls).toEqual([]);
  });
});

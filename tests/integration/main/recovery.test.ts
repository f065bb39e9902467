/** The launch's restore decision (pure) and window placement (pure), case by case. */
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment, serializeExperiment } from '../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { decideRecovery, recoveryPrompt } from '../../../src/main/recovery';
import { initialPlacement, WINDOW_SIZE, windowStateOf } from '../../../src/main/window-state';

const experiment = (steps: number, events: Experiment['events'] = []): Experiment => ({ format: EXPERIMENT_FORMAT, version: 1, spec: defaultSessionSpec(), steps, events });
const decide = (autosaveText: string | null, cleanExit = false) => decideRecovery({ autosaveText, cleanExit, fileName: 'autosave.leaky.json' });

describe('decideRecovery', () => {
  it('offers the autosave after a run that did not exit cleanly', () => {
    const e = experiment(12_000, [{ type: 'activation', step: 9000, lane: 0, activation: { kind: 'leaky_relu', alpha: 0.01 } }]);
    const d = decide(serializeExperiment(e));
    expect(d).toEqual({ offer: true, experiment: e, steps: 12_000 });
    if (!d.offer) throw new Error('unreachable');
    expect(recoveryPrompt(d)).toEqual({
      message: 'Leaky Lab did not close properly last time. Restore the autosaved session?',
      detail: 'The autosave holds step 12,000 of a session with 2 lane(s) (ReLU, Leaky ReLU) and 1 recorded change(s).',
      buttons: ['Restore session', 'Start fresh'],
    });
  });

  it('offers an untrained session that recorded a change', () => {
    expect(decide(serializeExperiment(experiment(0, [{ type: 'lr', step: 0, lane: 1, lr: 0.01 }])))).toMatchObject({ offer: true, steps: 0 });
  });

  it.each([
    ['no autosave file', null, false, 'no-autosave'],
    ['a clean exit', serializeExperiment(experiment(500)), true, 'clean-exit'],
    ['a truncated autosave', serializeExperiment(experiment(500)).slice(0, 60), false, 'unreadable'],
    ['garbage', '\u0000\u0001binary', false, 'unreadable'],
    ['another kind of JSON', '{"hello":"world"}', false, 'unreadable'],
    ['a newer format', JSON.stringify({ ...experiment(5), version: EXPERIMENT_VERSION + 1 }), false, 'unreadable'],
    ['an untrained, unchanged session', serializeExperiment(experiment(0)), false, 'empty'],
  ] as const)('does not offer after %s', (_name, text, clean, reason) => {
    expect(decide(text, clean)).toMatchObject({ offer: false, reason });
  });

  it('names the file and the problem when the autosave is unreadable', () => {
    expect(decide('{')).toMatchObject({ detail: expect.stringMatching(/^autosave\.leaky\.json is not valid JSON/) });
  });
});

describe('window placement', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 875 };
  const monitor = { x: 1440, y: -200, width: 2560, height: 1400 };
  const saved = { x: 1600, y: -100, width: 1800, height: 1000, maximized: false, fullScreen: false };

  it('opens at the default size, centred, on a first launch', () => {
    expect(initialPlacement(null, [laptop])).toEqual({ bounds: { width: 1400, height: 900 }, maximized: false, fullScreen: false });
  });

  it('restores a placement that is still on a display', () => {
    expect(initialPlacement(saved, [laptop, monitor])).toEqual({ bounds: { x: 1600, y: -100, width: 1800, height: 1000 }, maximized: false, fullScreen: false });
  });

  it('drops the position (keeping a size that fits) when its display is gone', () => {
    expect(initialPlacement({ ...saved, maximized: true }, [laptop])).toEqual({ bounds: { width: 1440, height: 875 }, maximized: true, fullScreen: false });
  });

  it('drops a position whose title bar is off every display', () => {
    expect(initialPlacement({ ...saved, x: 100, y: -900 }, [laptop]).bounds).not.toHaveProperty('x');
    expect(initialPlacement({ ...saved, x: -1750, y: 10 }, [laptop]).bounds).not.toHaveProperty('x');
  });

  it('keeps the size within the display and at least the minimum', () => {
    expect(initialPlacement({ ...saved, x: 10, y: 10, width: 5000, height: 300 }, [laptop]).bounds).toEqual({ x: 10, y: 10, width: 1440, height: WINDOW_SIZE.minHeight });
  });

  it('saves whole, at-least-minimum bounds with the maximized and full-screen flags', () => {
    expect(windowStateOf({ x: 10.4, y: 20.6, width: 300, height: 1000.2 }, true, false)).toEqual({ x: 10, y: 21, width: WINDOW_SIZE.minWidth, height: 1000, maximized: true, fullScreen: false });
  });
});

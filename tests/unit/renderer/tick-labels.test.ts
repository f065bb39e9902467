import { describe, expect, it } from 'vitest';
import { tickLabels } from '../../../src/renderer/charts/uplot-options';

describe('tickLabels', () => {
  it('leaves a label blank when it repeats the one before (an empty chart of whole numbers)', () => {
    expect(tickLabels([0, 0.2, 0.4, 0.6, 0.8, 1], (v) => String(Math.round(v)))).toEqual(['0', '', '', '1', '', '']);
  });

  it('reads a tick that is zero but for float error as 0', () => {
    const format = (v: number): string => String(Number(v.toPrecision(3)));
    expect(tickLabels([-0.1, -0.05, 2.7755575615628914e-17, 0.05, 0.1], format)).toEqual(['-0.1', '-0.05', '0', '0.05', '0.1']);
  });

  it('keeps every distinct label and blanks missing ticks', () => {
    expect(tickLabels([0.1, null, 1, 10], (v) => String(v))).toEqual(['0.1', '', '1', '10']);
  });
});

// The report draws every lane's graph at once from the sources the lane panels register while mounted.
import { describe, expect, it } from 'vitest';
import { LaneImages } from '../../../src/renderer/state/lane-images';

const doc = (svg: string) => ({ svg, width: 440, height: 300 });

describe('lane images', () => {
  it('lists the registered lanes in lane order, leaving out those not drawn yet, with the dataset passed on', () => {
    const images = new LaneImages();
    images.register(2, (d) => doc(`two ${d}`));
    images.register(0, (d) => doc(`zero ${d}`));
    images.register(1, () => null);
    expect(images.images('moons').map((i) => [i.lane, i.svg])).toEqual([
      [0, 'zero moons'],
      [2, 'two moons'],
    ]);
  });

  it('unregisters only the source it registered (a remounted lane keeps its new one)', () => {
    const images = new LaneImages();
    const off = images.register(0, () => doc('old'));
    images.register(0, () => doc('new'));
    off();
    expect(images.images('x').map((i) => i.svg)).toEqual(['new']);
    const off2 = images.register(1, () => doc('one'));
    off2();
    expect(images.images('x').map((i) => i.lane)).toEqual([0]);
  });
});

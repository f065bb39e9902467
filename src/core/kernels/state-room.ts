import type { Kernels } from './kernels';

/**
 * Room for an optimizer's state beside a tensor, in the tensor's arena, so that the arena's kernels can
 * update tensor and state in place. Lent to one holder (an optimizer's state map) at a time: two
 * optimizers training one network must not share a momentum buffer.
 */
export class StateRoom {
  private holder: object | null = null;

  constructor(
    /** The reserved floats (a whole number of buffers of the tensor's length). */
    private readonly floats: Float32Array<ArrayBuffer>,
    /** The kernels of the arena that holds the tensor and this room. */
    readonly kernels: Kernels,
  ) {}

  /** `count` zero-filled buffers of `length` floats for holder, or null when they do not fit or another holder has the room. */
  borrow(holder: object, count: number, length: number): Float32Array<ArrayBuffer>[] | null {
    if ((this.holder !== null && this.holder !== holder) || count * length > this.floats.length) return null;
    this.holder = holder;
    const out: Float32Array<ArrayBuffer>[] = [];
    for (let i = 0; i < count; i++) out.push(this.floats.subarray(i * length, (i + 1) * length).fill(0));
    return out;
  }

  /** Takes the room back from holder (which dropped its state); a no-op for anyone else. */
  giveBack(holder: object): void {
    if (this.holder === holder) this.holder = null;
  }
}

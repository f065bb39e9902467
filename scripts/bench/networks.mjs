// The four benchmark networks and the speed-up targets from the issue (ours / PyTorch, one thread).

/** @typedef {{ name: string, inputs: number, hidden: number[], outputs: number, batch: number, target: number }} Network */

/** @type {Network[]} */
export const NETWORKS = [
  { name: '2-16-16-2', inputs: 2, hidden: [16, 16], outputs: 2, batch: 32, target: 20 },
  { name: '2-(32x8)-2', inputs: 2, hidden: Array(8).fill(32), outputs: 2, batch: 32, target: 5 },
  { name: '784-128-64-10', inputs: 784, hidden: [128, 64], outputs: 10, batch: 64, target: 3 },
  { name: '784-512-512-10', inputs: 784, hidden: [512, 512], outputs: 10, batch: 128, target: 3 },
];

/** Multiply-adds of one forward pass of one sample (the weight count, biases aside). */
export function macsPerSample(net) {
  const widths = [net.inputs, ...net.hidden, net.outputs];
  let macs = 0;
  for (let l = 1; l < widths.length; l++) macs += widths[l - 1] * widths[l];
  return macs;
}

/** Effective GFLOP/s of a training step rate: forward 2 flops per MAC, backward 4, so 6 per MAC per sample. */
export function gflops(net, stepsPerSecond) {
  return (6 * macsPerSample(net) * net.batch * stepsPerSecond) / 1e9;
}

import type { RecycleEvent } from '../protocol/experiment';

/**
 * What ReDo did, in one sentence per lane that recycled and per hidden layer of width 1 (whose only
 * neuron scores 1 unless it outputs 0 on every probe row, so ReDo recycles it only then, or always at
 * tau 1: said, so that nobody reads a recycled width-1 layer as a bug), for the CLI.
 */
export function recycleSummary(recycles: readonly RecycleEvent[], hidden: readonly number[], lanes: readonly string[]): string[] {
  const out: string[] = [];
  lanes.forEach((name, lane) => {
    const mine = recycles.filter((r) => r.lane === lane);
    if (mine.length === 0) return;
    const steps = new Set(mine.map((r) => r.step)).size;
    const perLayer = hidden.map((_, l) => mine.filter((r) => r.layer === l).reduce((n, r) => n + r.neurons.length, 0));
    const parts = perLayer.map((n, l) => (n === 0 ? null : `${n} in layer ${l + 1}`)).filter((p) => p !== null);
    out.push(`${name}: ReDo recycled ${perLayer.reduce((a, b) => a + b, 0)} neuron(s) at ${steps} step(s) (${parts.join(', ')}).`);
    hidden.forEach((w, l) => {
      if (w === 1 && perLayer[l]! > 0) out.push(`${name}: layer ${l + 1} has one neuron; its score is 1 unless it outputs 0 on every probe row (then 0), so ReDo recycles it only when it is 0 on every row, or at every recycle when tau is 1; it was recycled ${perLayer[l]} time(s) (incoming weights re-drawn, outgoing set to 0).`);
    });
  });
  return out;
}

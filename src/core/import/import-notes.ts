import type { ImportedMlp } from './imported-mlp';

/** What opening an MLP's weights did and did not take, in sentences for the user (the app and the CLI show the same). */
export function importNotes(m: ImportedMlp): string[] {
  const slopes = m.prelu.flatMap((p, l) => (p === null ? [] : [`hidden layer ${l + 1}: ${p.length === 1 ? `α ${fmt(p[0]!)}` : `${p.length} slopes, ${fmt(Math.min(...p))} to ${fmt(Math.max(...p))}`}`]));
  return [
    `${m.widths.join('-')} network: ${m.keys.length / 2} Linear layers (${m.keys.filter((_, i) => i % 2 === 0).map((k) => `'${k}'`).join(', ')})`,
    ...m.notes,
    ...(slopes.length === 0 ? [] : [`its PReLU slopes (${slopes.join('; ')}) are where PReLU lanes start (a single slope fills every neuron of a per-neuron lane; per-neuron slopes fit only a per-neuron lane); other lanes ignore them`]),
    'a state_dict does not say which activation sat between the Linear layers: each lane uses its own',
  ];
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

import { BUNDLED_CITATIONS } from '../core/data/bundled/citations';

/**
 * The About dialog: the app's and its runtime's versions, and where each dataset comes from: the
 * generated ones (made from the session seed) credit what they imitate, the bundled real ones (data
 * shipped with the app) give the citation and licence their source asks for. Pure, so the text is tested.
 */

/** Where a generated dataset comes from. */
export interface DatasetCitation {
  readonly dataset: string;
  readonly source: string;
}

/** The generated datasets (made from the session seed) and what they follow. */
export const DATASET_CITATIONS: readonly DatasetCitation[] = [
  { dataset: 'Two moons', source: "after scikit-learn's sklearn.datasets.make_moons" },
  { dataset: 'Circles', source: "after scikit-learn's sklearn.datasets.make_circles" },
  { dataset: 'Gaussian blobs', source: "after scikit-learn's sklearn.datasets.make_blobs" },
  { dataset: 'Spiral', source: 'the interleaved-spirals benchmark (K. J. Lang and M. J. Witbrock, "Learning to tell two spirals apart", 1988 Connectionist Models Summer School)' },
  { dataset: 'XOR', source: 'the classic exclusive-or problem (M. Minsky and S. Papert, "Perceptrons", MIT Press, 1969)' },
  { dataset: 'Checkerboard', source: 'a generated grid of alternating classes' },
  { dataset: 'Sine, |x| and x sin 5x', source: 'generated 1-D regression curves on [-1, 1]' },
];

/** The About dialog's lines for the bundled real datasets: one citation each, then their licences once. */
export function bundledCitationLines(): string[] {
  const licences = [...new Set(BUNDLED_CITATIONS.map((c) => c.licence))];
  return [
    ...BUNDLED_CITATIONS.map((c) => `• ${c.title}: ${c.citation}. Source: ${c.source}`),
    `Licence: ${licences.join('; ')}.`,
  ];
}

/** The reference for scikit-learn, whose generators the first datasets follow. */
export const SCIKIT_LEARN_CITATION = 'F. Pedregosa et al., "Scikit-learn: Machine Learning in Python", Journal of Machine Learning Research 12, pp. 2825-2830, 2011.';

/** What the About dialog shows about this build. */
export interface AboutInfo {
  readonly appName: string;
  readonly appVersion: string;
  /** process.versions of the main process (electron, chrome, node, v8). */
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  readonly arch: string;
}

/** The About dialog's text, as Electron's dialog.showMessageBox options. */
export function aboutDialog(info: AboutInfo): { title: string; message: string; detail: string; buttons: string[] } {
  const v = (name: string): string => info.versions[name] ?? 'unknown';
  const detail = [
    'Watch ReLU neurons die, and Leaky ReLU and PReLU bring them back.',
    '',
    `Version ${info.appVersion}`,
    `Electron ${v('electron')}, Chromium ${v('chrome')}, Node.js ${v('node')}, V8 ${v('v8')}`,
    `${info.platform} ${info.arch}`,
    '',
    'Generated datasets (made from the session seed):',
    ...DATASET_CITATIONS.map((c) => `• ${c.dataset}: ${c.source}`),
    '',
    "Bundled datasets (scikit-learn's copies of UCI datasets, shipped with the app):",
    ...bundledCitationLines(),
    '',
    `scikit-learn: ${SCIKIT_LEARN_CITATION}`,
  ].join('\n');
  return { title: `About ${info.appName}`, message: `${info.appName} ${info.appVersion}`, detail, buttons: ['OK'] };
}

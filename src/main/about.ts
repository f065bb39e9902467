/**
 * The About dialog: the app's and its runtime's versions, and where each built-in dataset comes from.
 * Every dataset is generated on the fly from a seed (no data files ship with the app); the citations
 * credit the generators they imitate. Pure, so the text is tested.
 */

/** Where a built-in dataset comes from. */
export interface DatasetCitation {
  readonly dataset: string;
  readonly source: string;
}

/** The built-in datasets (all generated from the session seed) and what they follow. */
export const DATASET_CITATIONS: readonly DatasetCitation[] = [
  { dataset: 'Two moons', source: "after scikit-learn's sklearn.datasets.make_moons" },
  { dataset: 'Circles', source: "after scikit-learn's sklearn.datasets.make_circles" },
  { dataset: 'Gaussian blobs', source: "after scikit-learn's sklearn.datasets.make_blobs" },
  { dataset: 'Spiral', source: 'the interleaved-spirals benchmark (K. J. Lang and M. J. Witbrock, "Learning to tell two spirals apart", 1988 Connectionist Models Summer School)' },
  { dataset: 'XOR', source: 'the classic exclusive-or problem (M. Minsky and S. Papert, "Perceptrons", MIT Press, 1969)' },
  { dataset: 'Checkerboard', source: 'a generated grid of alternating classes' },
];

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
    'Datasets (generated from the session seed; no data files are shipped):',
    ...DATASET_CITATIONS.map((c) => `• ${c.dataset}: ${c.source}`),
    '',
    `scikit-learn: ${SCIKIT_LEARN_CITATION}`,
  ].join('\n');
  return { title: `About ${info.appName}`, message: `${info.appName} ${info.appVersion}`, detail, buttons: ['OK'] };
}

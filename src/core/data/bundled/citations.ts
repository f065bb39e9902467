import type { BundledName } from './bundled';

/** Where a bundled dataset comes from, how to cite it, and under which licence it is shared. */
export interface BundledCitation {
  /** Key of the dataset (makeBundled's argument). */
  readonly key: BundledName;
  /** Name shown in the UI. */
  readonly title: string;
  /** The UCI Machine Learning Repository page of the original dataset. */
  readonly source: string;
  /** The copy the app bundles (scikit-learn's loader and what differs from UCI, if anything). */
  readonly copy: string;
  /** The citation UCI asks for (authors, year, title, repository, DOI). */
  readonly citation: string;
  /** Licence of the data, as UCI states it, and what scikit-learn says about its copy. */
  readonly licence: string;
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of feature columns. */
  readonly features: number;
  /** Number of classes. */
  readonly classes: number;
}

// scikit-learn's dataset descriptions (DESCR, docs) state no licence for these files; scikit-learn
// itself, which ships them in sklearn/datasets/data, is distributed under BSD-3-Clause.
const LICENCE = 'CC BY 4.0 (UCI Machine Learning Repository); scikit-learn\'s description of its copy states no licence (scikit-learn itself is BSD-3-Clause)';

/** The bundled datasets with their sources, citations and licences, in the order the UI lists them. */
export const BUNDLED_CITATIONS: readonly BundledCitation[] = [
  {
    key: 'iris',
    title: 'Iris',
    source: 'https://archive.ics.uci.edu/dataset/53/iris',
    copy: 'scikit-learn sklearn.datasets.load_iris, which follows Fisher\'s paper (as R does) and so differs from the UCI file in two data points',
    citation: 'Fisher, R. A. (1936). Iris [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C56C76',
    licence: LICENCE,
    rows: 150,
    features: 4,
    classes: 3,
  },
  {
    key: 'wine',
    title: 'Wine',
    source: 'https://archive.ics.uci.edu/dataset/109/wine',
    copy: 'scikit-learn sklearn.datasets.load_wine, a copy of the UCI file',
    citation: 'Aeberhard, S. & Forina, M. (1992). Wine [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5PC7J',
    licence: LICENCE,
    rows: 178,
    features: 13,
    classes: 3,
  },
  {
    key: 'breast_cancer',
    title: 'Breast cancer (Wisconsin diagnostic)',
    source: 'https://archive.ics.uci.edu/dataset/17/breast+cancer+wisconsin+diagnostic',
    copy: 'scikit-learn sklearn.datasets.load_breast_cancer, a copy of the UCI file',
    citation: 'Wolberg, W., Mangasarian, O., Street, N. & Street, W. (1993). Breast Cancer Wisconsin (Diagnostic) [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5DW2B',
    licence: LICENCE,
    rows: 569,
    features: 30,
    classes: 2,
  },
  {
    key: 'digits',
    title: 'Digits (8x8)',
    source: 'https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits',
    copy: 'scikit-learn sklearn.datasets.load_digits, the test set of the UCI dataset (1,797 of its 5,620 rows)',
    citation: 'Alpaydin, E. & Kaynak, C. (1998). Optical Recognition of Handwritten Digits [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C50P49',
    licence: LICENCE,
    rows: 1797,
    features: 64,
    classes: 10,
  },
];

/**
 * Where the app's defaults deliberately differ from PyTorch's, in one place: `leaky-lab run --help`, the
 * UI's tooltips and docs/pytorch-differences.md (a test checks the docs carry each entry) all say the
 * same thing, so nothing is called "PyTorch's default" that is not.
 */
export interface TorchDifference {
  /** Stable key the UI and the docs test look an entry up by. */
  readonly id: 'prelu-decay' | 'sgd-momentum' | 'adamw-decay' | 'clip' | 'lr';
  /** What it is about, e.g. "SGD momentum". */
  readonly topic: string;
  /** What this app does. */
  readonly ours: string;
  /** What PyTorch does. */
  readonly torch: string;
  /** Why we differ. */
  readonly why: string;
}

/** The deliberate differences from PyTorch's defaults (every other default is PyTorch's). */
export const TORCH_DIFFERENCES: readonly TorchDifference[] = [
  {
    id: 'prelu-decay',
    topic: 'Weight decay on PReLU α',
    ours: 'none: weight decay applies to weights and biases only',
    torch: 'every parameter in the optimizer group is decayed, α included, unless α is put in a group with weight_decay=0',
    why: 'He et al. (2015) do not decay α: decay pulls it towards 0, i.e. back towards ReLU',
  },
  {
    id: 'sgd-momentum',
    topic: 'SGD momentum',
    ours: '0.9 (new lanes and --optimizer sgd without --momentum)',
    torch: 'torch.optim.SGD has momentum=0',
    why: 'He et al. (2015) trained with momentum 0.9, and every story in the app is measured with it',
  },
  {
    id: 'adamw-decay',
    topic: "AdamW's weight decay",
    ours: '0 unless --weight-decay (one flag for every optimizer)',
    torch: 'torch.optim.AdamW has weight_decay=0.01',
    why: 'with the same flags, Adam and AdamW lanes then differ only where you ask for decay',
  },
  {
    id: 'clip',
    topic: 'Gradient clipping',
    ours: 'new lanes clip the gradient norm at 1 (--clip 1; "none" turns it off)',
    torch: 'no clipping unless you call clip_grad_norm_',
    why: 'measured: unclipped, the default Leaky ReLU lane diverged near step 120,000 (docs/stories.md)',
  },
  {
    id: 'lr',
    topic: 'Learning rate',
    ours: '0.3 on the 2-D datasets, 0.05 on real and file data, for every optimizer',
    torch: 'torch.optim.SGD has no default; Adam and AdamW default to 0.001, RMSprop to 0.01',
    why: 'the default session is set up so that ReLU neurons die within seconds; real data diverges at 0.3',
  },
];

/** One entry as a sentence, e.g. for a tooltip: "SGD momentum: 0.9 (...); PyTorch: ... Why: ...". */
export function torchDifferenceText(id: TorchDifference['id']): string {
  const d = TORCH_DIFFERENCES.find((x) => x.id === id)!;
  return `${d.topic}: ${d.ours}. PyTorch: ${d.torch}. We differ because ${d.why}.`;
}

import type { LaneSpec } from '../../core/protocol/spec';

/** Short label of a lane's optimizer for the session summary: "SGD m=0.9", "Adam", "RMSprop m=0.5". */
export function optimizerLabel(lane: LaneSpec | undefined): string {
  const o = lane?.optimizer;
  if (o === undefined) return '—';
  switch (o.kind) {
    case 'sgd':
      return `SGD${o.nesterov ? ' (Nesterov)' : ''} m=${o.momentum}`;
    case 'adam':
      return 'Adam';
    case 'adamw':
      return 'AdamW';
    case 'rmsprop':
      return o.momentum > 0 ? `RMSprop m=${o.momentum}` : 'RMSprop';
  }
}

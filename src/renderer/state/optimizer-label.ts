import type { LaneSpec } from '../../core/protocol/spec';
import { torchDifferenceText } from '../../core/protocol/torch-differences';

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

/**
 * Tooltip of a lane's optimizer: its torch.optim class and settings, and where they differ from
 * PyTorch's defaults on purpose (SGD's momentum, AdamW's weight decay, no decay on PReLU α, clipping).
 */
export function optimizerTitle(lane: LaneSpec | undefined): string {
  const o = lane?.optimizer;
  if (o === undefined) return '';
  const decay = o.weightDecay > 0 ? `weight decay ${o.weightDecay} on weights and biases` : 'no weight decay';
  const parts: string[] = [];
  switch (o.kind) {
    case 'sgd':
      parts.push(`torch.optim.SGD: momentum ${o.momentum}, dampening ${o.dampening}${o.nesterov ? ', Nesterov' : ''}, ${decay}.`, torchDifferenceText('sgd-momentum'));
      break;
    case 'adam':
      parts.push(`torch.optim.Adam: betas ${o.beta1}, ${o.beta2}, eps ${o.eps}, ${decay} (L2).`);
      break;
    case 'adamw':
      parts.push(`torch.optim.AdamW: betas ${o.beta1}, ${o.beta2}, eps ${o.eps}, ${decay} (decoupled).`, torchDifferenceText('adamw-decay'));
      break;
    case 'rmsprop':
      parts.push(`torch.optim.RMSprop: alpha ${o.alpha}, eps ${o.eps}, momentum ${o.momentum}${o.centered ? ', centered' : ''}, ${decay}.`);
      break;
  }
  parts.push(torchDifferenceText('prelu-decay'));
  if (lane!.clipNorm !== null) parts.push(`Gradients clipped to norm ${lane!.clipNorm}. ${torchDifferenceText('clip')}`);
  return parts.join(' ');
}

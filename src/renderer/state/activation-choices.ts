import { ACTIVATION_KINDS, type ActivationSpec, activationLabel, defaultActivation } from '../../core/nn/activation';
import { torchDifferenceText } from '../../core/protocol/torch-differences';

/** What the lane's activation picker offers: every kind, and PReLU twice (one α per layer, or per neuron). */
export type ActivationChoice = ActivationSpec['kind'] | 'prelu_per_neuron';

/** One option of the picker: its value, its label and its tooltip. */
export interface ActivationOption {
  readonly value: ActivationChoice;
  readonly label: string;
  readonly title: string;
}

const PRELU_DECAY = torchDifferenceText('prelu-decay');

function option(value: ActivationChoice): ActivationOption {
  switch (value) {
    case 'leaky_relu':
      return { value, label: 'Leaky ReLU', title: "nn.LeakyReLU; PyTorch's default slope α = 0.01, editable." };
    case 'prelu':
      return { value, label: "PReLU (one α, PyTorch's nn.PReLU())", title: `One learned slope per layer, as nn.PReLU() (num_parameters = 1). ${PRELU_DECAY}` };
    case 'prelu_per_neuron':
      return { value, label: 'PReLU per neuron', title: `One learned slope per neuron, as nn.PReLU(num_parameters = width). ${PRELU_DECAY}` };
    default:
      return { value, label: activationLabel(defaultActivation(value)), title: `${activationLabel(defaultActivation(value))} with PyTorch's default parameters.` };
  }
}

/** The picker's options in the UI's order (the ReLU family first, the two PReLUs side by side). */
export const ACTIVATION_OPTIONS: readonly ActivationOption[] = ACTIVATION_KINDS.flatMap((k) => (k === 'prelu' ? [option('prelu'), option('prelu_per_neuron')] : [option(k)]));

/** The option showing a lane's activation. */
export function choiceOf(spec: ActivationSpec): ActivationChoice {
  return spec.kind === 'prelu' && spec.perNeuron ? 'prelu_per_neuron' : spec.kind;
}

/**
 * The spec a picked option asks for, or null while Leaky ReLU's α is not a valid number. alpha: the α
 * field's value (Leaky ReLU's slope); PReLU starts from the slope in force whatever it says.
 */
export function specOfChoice(choice: ActivationChoice, alpha: number | null): ActivationSpec | null {
  if (choice === 'prelu' || choice === 'prelu_per_neuron') return { kind: 'prelu', alpha: alpha ?? 0.25, perNeuron: choice === 'prelu_per_neuron' };
  if (choice === 'leaky_relu') return alpha === null ? null : { kind: 'leaky_relu', alpha };
  return defaultActivation(choice);
}

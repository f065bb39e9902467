import { encodeBase64 } from '../kernels/base64';
import { activationLabel } from '../nn/activation';
import { PROBE_EVERY } from '../engine/session';
import type { LaneSpec } from '../protocol/spec';
import type { NpyArray } from './npz';
import { TORCH_SCRIPT_BODY } from './torch-script-body';
import type { TorchPlan } from './torch-plan';

/** Where the script finds its arrays: embedded in it, or in a side-car .npz next to it (file name and SHA-256). */
export type ArraySource = { readonly kind: 'embedded' } | { readonly kind: 'sidecar'; readonly name: string; readonly sha256: string };

/** The Python script of a plan: a docstring saying what it replays, the experiment as constants, the common body, the arrays. */
export function torchScript(plan: TorchPlan, source: ArraySource, origin: string): string {
  const x = plan.experiment;
  const spec = x.spec;
  const lanes = spec.lanes.map((l) => `${l.name} (${activationLabel(l.activation)}, lr ${l.lr}, ${l.optimizer.kind})`).join('; ');
  // ReDo is replayed from the engine's own recycles (RECYCLES), not from its settings or records.
  const events = x.events.filter((e) => e.step < plan.steps && e.type !== 'recycle' && e.type !== 'redo').sort((a, b) => a.step - b.step);
  const later = x.events.length - events.length;
  const random = spec.lanes.some((l) => l.activation.kind === 'rrelu') || events.some((e) => e.type === 'activation' && e.activation.kind === 'rrelu');
  const doc = [
    `Leaky Lab experiment ${origin} as a PyTorch script: ${plan.steps} steps${x.steps > plan.steps ? ` (of the ${x.steps} it has)` : ''} of ${spec.lanes.length} lane(s) on ${plan.datasetName}.`,
    '',
    `Lanes: ${lanes}.`,
    `Network: ${plan.widths.join('-')} (inputs, hidden layers, outputs), batches of ${spec.batchSize}, seed ${spec.seed}; ${plan.trainRows} training rows, ${plan.testRows} test rows.`,
    `${events.length === 0 ? 'No recorded events' : `${events.length} recorded event(s) (hot-swaps, learning-rate changes, lane rewinds)`} in these steps${later > 0 ? ` (${later} later one(s) not exported)` : ''}.`,
    '',
    'The initial weights, the training and test rows (as the app holds them: split, and standardized for',
    'real data), the probe rows and the row indices of every batch were drawn by Leaky Lab itself and are',
    source.kind === 'embedded' ? 'embedded at the end of this file, so this script draws no random numbers.' : `in the side-car file ${source.name} next to this script, so it draws no random numbers.`,
    '',
    'Prints each step\'s training loss per lane (the batch loss before the update, as the app reports it) and,',
    `every ${PROBE_EVERY} steps, dead % per hidden layer the app's way: a neuron is inactive when no probe row gives`,
    'it z > 0, and dead when it is inactive under an activation that passes no gradient for z < 0 (ReLU).',
    'Under Leaky ReLU, PReLU and the smooth activations such neurons are "inactive": they still learn.',
    '',
    'Usage:',
    '  python3 run.py                        train and print',
    '  python3 run.py --check metrics.csv    also compare with the app\'s metrics (leaky-lab run --out, or',
    '                                        the app\'s metrics CSV) and print the largest difference per lane',
    '',
    'Agreement: float32 like the app, with the same operations in the same order where it matters, but',
    'torch sums matrix products in its own order, so the last bits differ and the difference grows as',
    'training amplifies it: per-step losses agree within 1e-5 over the first 100 steps (measured on every',
    'built-in scenario), not exactly, and later steps drift further apart on chaotic runs.',
    ...(random ? ['', 'RReLU: its random training slopes come from torch\'s generator, not the app\'s, so lanes that train', 'with RReLU are not expected to match and --check leaves them out.'] : []),
    '',
    'Requires Python 3.8+, numpy and torch (1.13 or 2.x).',
  ];
  const arrays = source.kind === 'embedded' ? embeddedArrays(plan.arrays) : 'EMBEDDED = {}\n';
  return `#!/usr/bin/env python3
"""${doc.join('\n')}
"""
import argparse
import base64
import copy
import csv
import hashlib
import math
import os
import sys

import numpy as np
import torch
from torch import nn

# The experiment, as its file says (the app's field names). Written by Leaky Lab's PyTorch export.
SEED = ${spec.seed}
STEPS = ${plan.steps}
BATCH_SIZE = ${spec.batchSize}
# The app takes neuron statistics every PROBE_EVERY steps (and at step 0), on the probe rows.
PROBE_EVERY = ${PROBE_EVERY}
TASK = ${py(plan.task)}
# Layer widths: inputs, hidden layers, outputs (${plan.task === 'regression' ? 'one output: MSELoss' : 'one logit per class: CrossEntropyLoss'}).
WIDTHS = ${py(plan.widths)}
LANES = [
${spec.lanes.map((l) => `    ${py(laneForScript(l))},`).join('\n')}
]
# Which set of initial weights each lane starts from (lanes with the same starting weights share one set).
LANE_INIT = ${py(plan.laneInit)}
# Recorded changes, applied once the lanes have taken "step" steps (before the next one).
EVENTS = [
${events.map((e) => `    ${py(e)},`).join('\n')}
]
# ReDo's recycles (Sokar et al. 2023) as the app made them: after loop step "at", before that step's probe,
# the listed neurons of hidden layer "layer" get the engine's re-drawn incoming weights and bias (arrays
# recycle{arrays}_w and _b), outgoing weights 0 and their optimizer state zeroed.
RECYCLES = [
${plan.recycles.map((r) => `    ${py(r)},`).join('\n')}
]
SIDECAR = ${source.kind === 'embedded' ? 'None' : `(${py(source.name)}, ${py(source.sha256)})`}

${TORCH_SCRIPT_BODY}

# ---------------------------------------------------------------------------------------------------
# The arrays: name -> (numpy dtype, shape, base64 of the little-endian values).
# ---------------------------------------------------------------------------------------------------
${arrays}

if __name__ == "__main__":
    main()
`;
}

/** The arrays as a Python dict of base64 strings, wrapped at 100 columns. */
function embeddedArrays(arrays: ReadonlyMap<string, NpyArray>): string {
  const lines = ['EMBEDDED = {'];
  for (const [name, a] of arrays) {
    const text = encodeBase64(a.bytes);
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 100) chunks.push(`        "${text.slice(i, i + 100)}"`);
    lines.push(`    ${py(name)}: (${py(a.dtype)}, ${py(a.shape)}, (`, ...(chunks.length === 0 ? ['        ""'] : chunks), '    )),');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A JSON-like value as a Python literal (None, True, False, numbers, strings, lists, dicts). */
export function py(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'float("nan")' : v > 0 ? 'float("inf")' : '-float("inf")';
    return String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  if (ArrayBuffer.isView(v)) return py(Array.from(v as unknown as ArrayLike<number>));
  return `{${Object.entries(v as Record<string, unknown>).map(([k, val]) => `${JSON.stringify(k)}: ${py(val)}`).join(', ')}}`;
}

/** A lane's spec as the script shows it: imported starting weights by their file's name only (their values are in ARRAYS). */
function laneForScript(l: LaneSpec): Omit<LaneSpec, 'start'> & { start?: string } {
  const { start, ...rest } = l;
  return start === undefined ? rest : { ...rest, start: `weights imported from ${start.source}` };
}

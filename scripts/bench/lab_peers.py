#!/usr/bin/python3
"""The Lab's peers for `npm run bench`: many small networks at once, in PyTorch (torch.bmm) or numpy.

  /usr/bin/python3 scripts/bench/lab_peers.py collapse  --lib torch|numpy --nets R [--steps S] [--seed K]
      [--form bmm|broadcast]
  /usr/bin/python3 scripts/bench/lab_peers.py born-dead --lib torch|numpy --nets R --widths 2,3,5,10
      [--depth 9] [--points P] [--seed K]
  /usr/bin/python3 scripts/bench/lab_peers.py check --nets R [--steps S]   trains the same nets in both
      and exits 1 unless their outputs agree (the numpy peer's hand-written maths against autograd)

Each prints one JSON object: the work done, the seconds it took (after imports and set-up, so the peer is
timed at its best), the BLAS it ran on (blas_probe.py) and what it found, so that the bench can check
that the peer computed the same thing as our engine. One thread per process: scripts/bench.mjs starts
one process per core, each with its share of the nets.

collapse: Lu et al. 2019's cell as the Lab's collapse study runs it (core/lab/studies.ts): R nets of
1-(2x9)-1, ReLU, He normal weights (std sqrt(2 / fan_in)), zero biases, each fitting |x| on its own 256
points x ~ U(-1, 1), full batch, MSE (mean over the points), Adam (lr 0.001, betas 0.9 / 0.999, eps
1e-8) for S steps, float32. A net collapsed when its outputs over its points spread less than 1e-3 times
the targets' standard deviation (COLLAPSE_SHARE in core/lab/sweep-run.ts).
  torch: weights [R, out, in] and biases [R, out, 1] as leaf tensors, activations [R, width, points],
  torch.bmm plus the bias per layer (measured faster here than torch.baddbmm, and faster than the
  [R, points, width] layout), autograd, torch.optim.Adam(foreach=True); the loss is the sum of the nets'
  own MSEs, so each net gets exactly its own gradient. --form broadcast: the same sums as a broadcast
  multiply and a sum over the inputs instead of torch.bmm (faster for 2 x 2 weights).
  numpy: the same maths and layout with np.matmul on stacked arrays, a hand-written backward and
  PyTorch's Adam update. Both draw the same data and initial weights for the same seed (numpy's
  generator), so `check` can compare them net by net.

born-dead: R nets of 1-(width x depth)-1 per width, He normal, zero biases, evaluated on P points evenly
spaced over [-sqrt(3), sqrt(3)]; a net is born dead when its output is the same at every point.
"""
import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blas_probe  # noqa: E402
from born_dead_peers import born_dead_numpy, born_dead_torch  # noqa: E402

HIDDEN = [2] * 9
POINTS = 256
LR, BETA1, BETA2, EPS = 1e-3, 0.9, 0.999, 1e-8
COLLAPSE_SHARE = 1e-3


def collapse_summary(np, y, t):
    """(collapsed flags, final MSE per net) from outputs y and targets t, both [R, N] float arrays."""
    spread = y.max(axis=1) - y.min(axis=1)
    collapsed = spread <= COLLAPSE_SHARE * t.std(axis=1)
    mse = ((y - t) ** 2).mean(axis=1)
    return collapsed, mse


def collapse_problem(nets, seed):
    """The cell's data and initial weights, float32 numpy arrays: x [R, 1, N], and per layer W [R, out, in]."""
    import numpy as np
    rng = np.random.default_rng(seed)
    f32 = np.float32
    x = (rng.random((nets, 1, POINTS), dtype=f32) * 2 - 1).astype(f32)
    widths = [1] + HIDDEN + [1]
    ws = [(rng.standard_normal((nets, b, a), dtype=f32) * f32(math.sqrt(2 / a))).astype(f32) for a, b in zip(widths, widths[1:])]
    return x, ws


def collapse_torch(nets, steps, seed, form='bmm'):
    """Trains the collapse cell batched in PyTorch; returns (seconds, collapsed flags, final losses, outputs).
    form 'bmm': torch.bmm per layer; 'broadcast': the same sums over the inputs as a broadcast multiply
    and a sum (much faster than bmm's per-matrix calls for 2 x 2 weights)."""
    import torch
    torch.set_num_threads(1)
    x_np, ws_np = collapse_problem(nets, seed)
    x = torch.from_numpy(x_np)
    t = x.abs()
    widths = [1] + HIDDEN + [1]
    params = []
    for w_np in ws_np:
        params += [torch.from_numpy(w_np.copy()).requires_grad_(), torch.zeros(nets, w_np.shape[1], 1, requires_grad=True)]
    # foreach: one multi-tensor update instead of a Python loop over the 20 tensors (measured faster).
    opt = torch.optim.Adam(params, lr=LR, betas=(BETA1, BETA2), eps=EPS, foreach=True)

    def forward():
        h = x
        for layer in range(len(widths) - 1):
            w = params[2 * layer]
            z = torch.bmm(w, h) if form == 'bmm' else (w.unsqueeze(3) * h.unsqueeze(1)).sum(2)
            h = z + params[2 * layer + 1]
            if layer < len(widths) - 2:
                h = torch.relu(h)
        return h

    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        # Sum over nets of each net's mean squared error: net r's gradient is its own MSE's gradient.
        loss = ((forward() - t) ** 2).mean(dim=(1, 2)).sum()
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    import numpy as np
    with torch.no_grad():
        y = forward()[:, 0, :].numpy().astype(np.float64)
    return seconds, *collapse_summary(np, y, t[:, 0, :].numpy().astype(np.float64)), y


def collapse_numpy(nets, steps, seed):
    """Trains the collapse cell batched in numpy (hand-written backward and Adam); returns as collapse_torch."""
    import numpy as np
    f32 = np.float32
    x, ws = collapse_problem(nets, seed)
    t = np.abs(x)
    bs = [np.zeros((nets, w.shape[1], 1), dtype=f32) for w in ws]
    params = ws + bs
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    layers = len(ws)

    def forward():
        """Activations per layer (input first) and the output, [R, width, N] each."""
        hs = [x]
        for layer in range(layers):
            z = np.matmul(ws[layer], hs[-1])
            z += bs[layer]
            if layer < layers - 1:
                np.maximum(z, 0, out=z)
            hs.append(z)
        return hs

    start = time.perf_counter()
    for step in range(1, steps + 1):
        hs = forward()
        # d(mean over points of (y - t)^2) / dy, per net.
        dz = (hs[-1] - t) * f32(2 / POINTS)
        grads = [None] * (2 * layers)
        for layer in range(layers - 1, -1, -1):
            grads[layer] = np.matmul(dz, hs[layer].transpose(0, 2, 1))
            grads[layers + layer] = dz.sum(axis=2, keepdims=True)
            if layer > 0:
                dh = np.matmul(ws[layer].transpose(0, 2, 1), dz)
                # ReLU's gradient: 0 where the activation is 0 (z <= 0), as in PyTorch.
                dh *= hs[layer] > 0
                dz = dh
        # torch.optim.Adam's update, element by element.
        c1 = 1 - BETA1 ** step
        c2 = math.sqrt(1 - BETA2 ** step)
        for p, g, mi, vi in zip(params, grads, m, v):
            mi *= f32(BETA1)
            mi += f32(1 - BETA1) * g
            vi *= f32(BETA2)
            vi += f32(1 - BETA2) * g * g
            p -= f32(LR / c1) * mi / (np.sqrt(vi) / f32(c2) + f32(EPS))
    seconds = time.perf_counter() - start
    y = forward()[-1][:, 0, :].astype(np.float64)
    return seconds, *collapse_summary(np, y, t[:, 0, :].astype(np.float64)), y


def check(nets, steps, seed):
    """Trains the same nets (same data, same initial weights) in PyTorch (both forms) and in numpy and
    compares the outputs: the hand-written backward and Adam must follow autograd and torch.optim.Adam,
    and the broadcast form must follow bmm. Exits 1 if not."""
    import numpy as np
    _, c_torch, _, y_torch = collapse_torch(nets, steps, seed)
    _, c_broad, _, y_broad = collapse_torch(nets, steps, seed, 'broadcast')
    _, c_numpy, _, y_numpy = collapse_numpy(nets, steps, seed)
    diff = max(float(np.abs(y_torch - y).max()) for y in (y_numpy, y_broad))
    scale = float(np.abs(y_torch).max())
    ok = diff <= 1e-3 * max(scale, 1e-6) and bool((c_torch == c_numpy).all() and (c_torch == c_broad).all())
    print(json.dumps({'task': 'check', 'nets': nets, 'steps': steps, 'maxOutputDifference': diff, 'outputScale': scale,
                      'collapsedTorch': int(c_torch.sum()), 'collapsedTorchBroadcast': int(c_broad.sum()),
                      'collapsedNumpy': int(c_numpy.sum()), 'ok': ok}))
    sys.exit(0 if ok else 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('task', choices=['collapse', 'born-dead', 'check'])
    ap.add_argument('--lib', choices=['torch', 'numpy'], default='torch')
    ap.add_argument('--form', choices=['bmm', 'broadcast'], default='bmm', help='torch: how a layer multiplies')
    ap.add_argument('--nets', type=int, required=True)
    ap.add_argument('--steps', type=int, default=3000)
    ap.add_argument('--widths', default='2,3,5,10')
    ap.add_argument('--depth', type=int, default=9)
    ap.add_argument('--points', type=int, default=1000)
    ap.add_argument('--chunk', type=int, default=500, help='born-dead: nets evaluated at once (bounds memory)')
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    if a.task == 'check':
        return check(a.nets, a.steps, a.seed)
    if a.lib == 'torch':
        import torch  # noqa: F401  (so that the BLAS it maps is reported)
    else:
        import numpy  # noqa: F401
    out = {'task': a.task, 'lib': a.lib, 'nets': a.nets, 'blas': blas_probe.blas_info()}
    cpu = time.process_time()  # CPU seconds of the work (set-up included, a small part): contention shows as wall > CPU
    if a.task == 'collapse':
        if a.lib == 'torch':
            seconds, collapsed, mse, _ = collapse_torch(a.nets, a.steps, a.seed, a.form)
        else:
            seconds, collapsed, mse, _ = collapse_numpy(a.nets, a.steps, a.seed)
        out.update(form=a.form if a.lib == 'torch' else 'matmul', steps=a.steps, seconds=seconds, collapsed=int(collapsed.sum()), finalLoss=[float(e) for e in mse])
    else:
        run = born_dead_torch if a.lib == 'torch' else born_dead_numpy
        rows = []
        total = 0.0
        for width in (int(w) for w in a.widths.split(',')):
            seconds, dead = run(a.nets, width, a.depth, a.points, a.seed + width, a.chunk, a.form if a.lib == 'torch' else 'matmul')
            total += seconds
            rows.append({'width': width, 'depth': a.depth, 'nets': a.nets, 'bornDead': dead, 'seconds': seconds})
        out.update(form=a.form if a.lib == 'torch' else 'matmul', points=a.points, seconds=total, rows=rows)
    out['cpuSeconds'] = time.process_time() - cpu
    out['blas'] = blas_probe.blas_info()  # after the work: a library loaded lazily shows up too
    print(json.dumps(out))


if __name__ == '__main__':
    main()

"""The born-dead cell's peers for `npm run bench` (run through lab_peers.py born-dead): fresh nets of
1-(width x depth)-1, He normal weights (std sqrt(2 / fan_in)), zero biases, drawn and evaluated batched on
a grid of points over [-sqrt(3), sqrt(3)]; a net is born dead when its output is the same at every point.
"""
import math
import time


def born_dead_torch(nets, width, depth, points, seed, chunk, form='bmm'):
    """Born-dead nets among `nets` fresh ones, PyTorch, `chunk` nets at a time; returns (seconds, count).
    form: as in collapse_torch."""
    import torch
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(seed)
    grid = torch.linspace(-math.sqrt(3), math.sqrt(3), points).reshape(1, 1, points)
    widths = [1] + [width] * depth + [1]
    dead = 0
    start = time.perf_counter()
    with torch.no_grad():
        for first in range(0, nets, chunk):
            r = min(chunk, nets - first)
            h = grid.expand(r, 1, points)
            for layer, (w_in, w_out) in enumerate(zip(widths, widths[1:])):
                w = torch.randn(r, w_out, w_in, generator=g) * math.sqrt(2 / w_in)
                h = torch.bmm(w, h) if form == 'bmm' else (w.unsqueeze(3) * h.unsqueeze(1)).sum(2)  # zero biases
                if layer < depth:
                    h = torch.relu(h)
            y = h[:, 0, :]
            dead += int((y.amax(dim=1) == y.amin(dim=1)).sum())
    return time.perf_counter() - start, dead


def born_dead_numpy(nets, width, depth, points, seed, chunk, form='matmul'):
    """As born_dead_torch, in numpy."""
    import numpy as np
    rng = np.random.default_rng(seed)
    grid = np.linspace(-math.sqrt(3), math.sqrt(3), points, dtype=np.float32).reshape(1, 1, points)
    widths = [1] + [width] * depth + [1]
    dead = 0
    start = time.perf_counter()
    for first in range(0, nets, chunk):
        r = min(chunk, nets - first)
        h = np.broadcast_to(grid, (r, 1, points))
        for layer, (w_in, w_out) in enumerate(zip(widths, widths[1:])):
            w = rng.standard_normal((r, w_out, w_in), dtype=np.float32) * np.float32(math.sqrt(2 / w_in))
            h = np.matmul(w, h)
            if layer < depth:
                np.maximum(h, 0, out=h)
        y = h[:, 0, :]
        dead += int((y.max(axis=1) == y.min(axis=1)).sum())
    return time.perf_counter() - start, dead

#!/usr/bin/python3
"""PyTorch baseline for `npm run bench`: training steps per second of the four benchmark networks.

One thread, float32, nn.Sequential of Linear + ReLU (default Linear init), F.cross_entropy,
torch.optim.SGD(lr=0.01, momentum=0.9), random inputs (fixed seed) and random labels: the same work our
engine does per step (scripts/bench/engine.ts). Run with Debian's python3 (python3-torch):

  /usr/bin/python3 scripts/bench/torch_bench.py [--quick]   measures all four, prints one JSON object
  /usr/bin/python3 scripts/bench/torch_bench.py --serve     one JSON request per stdin line (used by
      scripts/bench.mjs, which interleaves these timings with the engine's so machine noise hits both)
"""
import json
import os
import statistics
import sys
import time

# Debian's torch does its matrix products in OpenBLAS (openblas-pthread), which starts one thread per
# core whatever torch.set_num_threads says; it reads these variables once, when it is loaded. The core
# type (OPENBLAS_CORETYPE) comes from the caller: scripts/bench.mjs measures which one is fastest.
os.environ['OPENBLAS_NUM_THREADS'] = '1'
os.environ['OMP_NUM_THREADS'] = '1'
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402  (must come after the thread settings above)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import blas_probe  # noqa: E402

# Must precede any parallel work; the benchmark compares single-threaded engines.
torch.set_num_threads(1)
torch.set_num_interop_threads(1)

NETWORKS = [
    {'name': '2-16-16-2', 'inputs': 2, 'hidden': [16, 16], 'outputs': 2, 'batch': 32},
    {'name': '2-(32x8)-2', 'inputs': 2, 'hidden': [32] * 8, 'outputs': 2, 'batch': 32},
    {'name': '784-128-64-10', 'inputs': 784, 'hidden': [128, 64], 'outputs': 10, 'batch': 64},
    {'name': '784-512-512-10', 'inputs': 784, 'hidden': [512, 512], 'outputs': 10, 'batch': 128},
]
# Several batches, cycled, so that a long run cannot memorise one batch (as in engine.ts).
BATCHES = 8
LR = 0.01


class TorchBench:
    """One network with its optimizer and a fixed pool of random batches."""

    def __init__(self, net, seed=1):
        torch.manual_seed(seed)
        widths = [net['inputs']] + list(net['hidden'])
        layers = []
        for w_in, w_out in zip(widths, widths[1:]):
            layers += [nn.Linear(w_in, w_out), nn.ReLU()]
        layers.append(nn.Linear(widths[-1], net['outputs']))
        self.model = nn.Sequential(*layers)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=LR, momentum=0.9)
        self.xs = [torch.randn(net['batch'], net['inputs']) for _ in range(BATCHES)]
        self.ys = [torch.randint(net['outputs'], (net['batch'],)) for _ in range(BATCHES)]
        self.next = 0

    def step(self):
        """One training step (forward, loss, backward, SGD update) on the next batch; returns the loss tensor."""
        x, y = self.xs[self.next], self.ys[self.next]
        self.next = (self.next + 1) % BATCHES
        # set_to_none skips zero-filling the gradients: the fastest idiomatic loop, a fair baseline.
        self.opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(x), y)
        loss.backward()
        self.opt.step()
        return loss

    def time(self, seconds):
        """Runs steps until at least `seconds` have passed; returns (steps, elapsed seconds, CPU seconds)."""
        cpu = time.process_time()
        start = time.perf_counter()
        end = start + seconds
        steps = 0
        while True:
            loss = self.step()
            steps += 1
            now = time.perf_counter()
            if now >= end:
                break
        if not torch.isfinite(loss):
            raise RuntimeError('loss became %s: the benchmark diverged' % loss.item())
        # CPU time of all threads: above the wall time means more than one thread did the work.
        return steps, now - start, time.process_time() - cpu


def serve():
    """Answers {"net": {...}, "seconds": s} lines with {"steps", "seconds", "cpuSeconds"}, keeping each network warm."""
    benches = {}
    # The BLAS this very process runs on, so that the bench can check it is the one it chose.
    torch.matmul(torch.ones(64, 64), torch.ones(64, 64))
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'blas': blas_probe.blas_info()}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        net = req['net']
        if net['name'] not in benches:
            benches[net['name']] = TorchBench(net)
        steps, seconds, cpu = benches[net['name']].time(req['seconds'])
        print(json.dumps({'steps': steps, 'seconds': seconds, 'cpuSeconds': cpu}), flush=True)


def main():
    quick = '--quick' in sys.argv
    warmup, reps, seconds = (0.2, 3, 0.3) if quick else (1.5, 5, 1.5)
    results = []
    for net in NETWORKS:
        bench = TorchBench(net)
        bench.time(warmup)
        rates = [s / t for s, t, _ in (bench.time(seconds) for _ in range(reps))]
        results.append({'name': net['name'], 'batch': net['batch'], 'rates': rates, 'median': statistics.median(rates)})
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'results': results}, indent=2))


if __name__ == '__main__':
    serve() if '--serve' in sys.argv else main()

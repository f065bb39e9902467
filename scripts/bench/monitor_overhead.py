#!/usr/bin/python3
"""What python/leaky_lab_monitor.py costs a real training step (issue 16, item 4: under 2%).

A 784-512-512-10 ReLU MLP, batch 128, SGD with momentum, CPU, one thread, random data (the cost does not
depend on the values). Two measurements, interleaved so that the shared machine's noise hits both:

  run     whole runs of `steps` steps with the monitor (every=100) against the same runs without it,
          alternating which goes first; overhead = median over pairs of (with / without - 1).
  record  the extra time of one record step (hooks armed: four reductions per layer, the JSON line)
          over a plain step, measured on many steps of each kind; divided by `every` it is the
          per-step overhead averaged over a run, without the noise of two whole runs.

  OPENBLAS_CORETYPE=... /usr/bin/python3 scripts/bench/monitor_overhead.py [--quick] [--every N]
prints one JSON object. `npm run bench` runs it with the BLAS setting it measured fastest (blas.mjs).
"""
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from leaky_lab_monitor import LeakyLabMonitor  # noqa: E402
from blas_probe import blas_info  # noqa: E402

BATCH = 128


def make():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    g = torch.Generator().manual_seed(1)
    data = [(torch.randn(BATCH, 784, generator=g), torch.randint(0, 10, (BATCH,), generator=g)) for _ in range(8)]
    return model, opt, data


def train_step(model, opt, x, y):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss


def run(model, opt, data, steps, mon):
    """Seconds for `steps` steps, with `mon.step(loss)` after each when mon is given."""
    start = time.perf_counter()
    for i in range(steps):
        loss = train_step(model, opt, *data[i % len(data)])
        if mon is not None:
            mon.step(loss)
    return time.perf_counter() - start


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def main():
    quick = "--quick" in sys.argv
    every = int(sys.argv[sys.argv.index("--every") + 1]) if "--every" in sys.argv else 100
    torch.set_num_threads(1)
    steps = 200 if quick else 600
    pairs = 2 if quick else 7
    model, opt, data = make()
    tmp = tempfile.TemporaryDirectory()
    path = os.path.join(tmp.name, "run.jsonl")
    run(model, opt, data, 50, None)  # warm-up

    with_s, without_s = [], []
    for p in range(pairs):
        for monitored in ([True, False] if p % 2 == 0 else [False, True]):
            if monitored:
                # Made and closed around its own run: a monitor left open keeps its hooks armed for the
                # next record step, which would put them on every step of the plain run.
                mon = LeakyLabMonitor(model, path, every=every)
                with_s.append(run(model, opt, data, steps, mon))
                mon.close()
            else:
                assert not any(m._forward_hooks or m._forward_pre_hooks for m in model.modules()), "a hook is left on the plain run"
                without_s.append(run(model, opt, data, steps, None))
    ratios = [w / wo - 1 for w, wo in zip(with_s, without_s)]

    # Record steps against plain steps, one at a time, alternating: every=1 arms every step.
    mon = LeakyLabMonitor(model, path, every=1)
    rec_t, plain_t = [], []
    for i in range(60 if quick else 400):
        x, y = data[i % len(data)]
        start = time.perf_counter()
        loss = train_step(model, opt, x, y)
        mon.step(loss)
        rec_t.append(time.perf_counter() - start)
        mon._disarm()  # the next one plain: the same loop without hooks
        start = time.perf_counter()
        train_step(model, opt, x, y)
        plain_t.append(time.perf_counter() - start)
        mon._arm()
    mon.close()
    plain = median(plain_t)
    extra = median(rec_t) - plain
    lines = sum(1 for _ in open(path))
    tmp.cleanup()
    print(json.dumps({
        "torch": torch.__version__,
        "blas": blas_info(),
        "network": "784-512-512-10 ReLU",
        "batch": BATCH,
        "every": every,
        "steps": steps,
        "pairs": pairs,
        "plainStepMs": 1000 * plain,
        "recordStepExtraMs": 1000 * extra,
        "recordOverheadPercent": 100 * extra / every / plain,
        "runOverheadPercent": 100 * median(ratios),
        "runOverheadPercentPairs": [100 * r for r in ratios],
        "recordLines": lines,
    }))


if __name__ == "__main__":
    main()

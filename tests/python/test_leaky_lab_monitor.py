"""Tests of python/leaky_lab_monitor.py in real PyTorch loops (Debian's python3-torch).

Run: /usr/bin/python3 -m unittest discover -s tests/python -v   (tests/integration/python/monitor.test.ts
runs this from vitest). Each statistic is checked against an independent computation on the same
activations, captured by a hook of the test's own.
"""
import json
import os
import sys
import tempfile
import unittest

import torch
import torch.multiprocessing as mp
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))
from leaky_lab_monitor import LeakyLabMonitor  # noqa: E402


def read_log(path):
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    return lines[0], lines[1:]


def expected(outputs, inputs, unit_dim, tau, zero_grad):
    """The definitions, computed plainly: outputs / inputs are lists of tensors of one window."""
    a = torch.cat([o.movedim(unit_dim, -1).reshape(-1, o.shape[unit_dim]) for o in outputs]).double()
    z = torch.cat([i.movedim(unit_dim, -1).reshape(-1, i.shape[unit_dim]) for i in inputs]).double()
    h = a.shape[1]
    always_zero = (a == 0).all(dim=0)
    never_positive = (z <= 0).all(dim=0)
    mean_abs = a.abs().mean(dim=0)
    score = mean_abs / mean_abs.mean()
    return {
        "deadPercent": 100.0 * always_zero.sum().item() / h if zero_grad else None,
        "inactivePercent": 100.0 * never_positive.sum().item() / h,
        "dormantPercent": 100.0 * (score <= tau).sum().item() / h,
        "zeroFraction": (torch.cat(outputs) == 0).float().mean().item(),
        "rows": a.shape[0],
    }


class Capture:
    """A forward hook of the test's own: keeps each forward's input and output (copies)."""

    def __init__(self, module):
        self.inputs, self.outputs = [], []
        self.handle = module.register_forward_hook(self)

    def __call__(self, module, inputs, output):
        self.inputs.append(inputs[0].detach().clone())
        self.outputs.append(output.detach().clone())

    def clear(self):
        self.inputs, self.outputs = [], []


class MonitorTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "run.jsonl")

    def tearDown(self):
        self.dir.cleanup()

    def assertStats(self, got, want):
        for key, value in want.items():
            if value is None:
                self.assertIsNone(got[key], key)
            else:
                self.assertAlmostEqual(got[key], value, places=4, msg=key)

    def train(self, model, make_batch, steps, every, captures, unit_dims, kinds, lr=0.05):
        """A real SGD loop with the monitor's two lines; returns (header, records, expected per record)."""
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        mon = LeakyLabMonitor(model, self.path, every=every)
        wants = []
        for step in range(steps):
            for c in captures:
                c.clear()
            x, y = make_batch(step)
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            if step % every == 0:
                wants.append([expected(c.outputs, c.inputs, d, 0.025, k) for c, d, k in zip(captures, unit_dims, kinds)])
            opt.step()
            mon.step(loss)
        mon.close()
        header, records = read_log(self.path)
        return header, records, wants

    def test_mlp_relu_matches_the_definitions_and_finds_a_dead_unit(self):
        model = nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.Linear(16, 16), nn.LeakyReLU(0.1), nn.Linear(16, 3))
        with torch.no_grad():
            model[0].weight[0].zero_()
            model[0].bias[0] = -1.0  # unit 0 of layer 1: z = -1 for every input, dead from step 0
        captures = [Capture(model[1]), Capture(model[3])]
        g = torch.Generator().manual_seed(1)
        batch = lambda step: (torch.randn(64, 20, generator=g), torch.randint(0, 3, (64,), generator=g))
        header, records, wants = self.train(model, batch, 25, 10, captures, [1, 1], [True, False])
        self.assertEqual(header["format"], "leaky-lab-run-log")
        self.assertEqual(header["version"], 1)
        self.assertEqual(header["every"], 10)
        self.assertEqual(header["tau"], 0.025)
        self.assertEqual([(l["name"], l["type"], l["kind"], l["units"], l["unit"]) for l in header["layers"]],
                         [("1", "ReLU", "zero-grad", 16, "feature"), ("3", "LeakyReLU(0.1)", "leaky", 16, "feature")])
        self.assertEqual([r["step"] for r in records], [0, 10, 20])
        for rec, want in zip(records, wants):
            for got, w in zip(rec["layers"], want):
                self.assertStats(got, w)
            self.assertGreaterEqual(rec["layers"][0]["deadPercent"], 100.0 / 16)
            self.assertIsNone(rec["layers"][1]["deadPercent"])  # Leaky ReLU: inactive, never dead
        self.assertTrue(all(isinstance(r["loss"], float) for r in records))

    def test_hooks_exist_only_on_record_steps(self):
        model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
        mon = LeakyLabMonitor(model, self.path, every=5)
        armed = []
        for _ in range(12):
            armed.append(len(model[1]._forward_hooks))
            model(torch.randn(3, 4)).sum().backward()
            mon.step()
        mon.close()
        self.assertEqual(armed, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
        self.assertEqual(len(model[1]._forward_hooks), 0)
        self.assertEqual(len(model._forward_pre_hooks), 0)
        _, records = read_log(self.path)
        self.assertEqual([r["step"] for r in records], [0, 5, 10])
        self.assertNotIn("loss", records[0])

    def test_cnn_units_are_channels(self):
        model = nn.Sequential(nn.Conv2d(1, 6, 3), nn.ReLU(inplace=True), nn.Conv2d(6, 4, 3), nn.PReLU(4), nn.Flatten(), nn.Linear(4 * 4 * 4, 3))
        with torch.no_grad():
            model[0].weight[2].zero_()
            model[0].bias[2] = -0.5  # channel 2: dead everywhere
        c1 = Capture(model[0])  # the in-place ReLU overwrites its input: capture the conv's output instead
        c2 = Capture(model[3])
        outs = []
        model[1].register_forward_hook(lambda m, i, o: outs.append(o.detach().clone()))
        g = torch.Generator().manual_seed(2)
        batch = lambda step: (torch.randn(8, 1, 8, 8, generator=g), torch.randint(0, 3, (8,), generator=g))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        mon = LeakyLabMonitor(model, self.path, every=3)
        wants = []
        for step in range(7):
            c1.clear(); c2.clear(); outs.clear()
            x, y = batch(step)
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad(); loss.backward()
            if step % 3 == 0:
                wants.append((expected(outs, c1.outputs, 1, 0.025, True), expected(c2.outputs, c2.inputs, 1, 0.025, False), model[3].weight.detach().clone()))
            opt.step()
            mon.step(loss)
        mon.close()
        header, records = read_log(self.path)
        self.assertEqual([(l["units"], l["unit"]) for l in header["layers"]], [(6, "channel"), (4, "channel")])
        self.assertEqual(len(records), 3)
        for rec, (w1, w2, alpha) in zip(records, wants):
            self.assertStats(rec["layers"][0], w1)
            self.assertStats(rec["layers"][1], w2)
            self.assertEqual(rec["layers"][0]["rows"], 8 * 6 * 6)
            self.assertGreaterEqual(rec["layers"][0]["deadPercent"], 100.0 / 6)
            a = rec["layers"][1]["alpha"]
            self.assertEqual(len(a["values"]), 4)
            for got, want in zip(a["values"], alpha.tolist()):
                self.assertAlmostEqual(got, want, places=5)
            self.assertAlmostEqual(a["mean"], alpha.mean().item(), places=5)
        self.assertNotEqual(records[0]["layers"][1]["alpha"]["values"], records[2]["layers"][1]["alpha"]["values"])  # it learns

    def test_transformer_mlp_block_units_are_hidden_features(self):
        layer = nn.TransformerEncoderLayer(d_model=16, nhead=2, dim_feedforward=32, dropout=0.0, activation=nn.GELU(), batch_first=True)
        model = nn.Sequential(layer, nn.Flatten(), nn.Linear(5 * 16, 3))
        cap = Capture(layer.activation)
        g = torch.Generator().manual_seed(3)
        batch = lambda step: (torch.randn(4, 5, 16, generator=g), torch.randint(0, 3, (4,), generator=g))
        header, records, wants = self.train(model, batch, 3, 2, [cap], [2], [False], lr=0.01)
        self.assertEqual(header["layers"][0]["name"], "0.activation")
        self.assertEqual((header["layers"][0]["units"], header["layers"][0]["unit"]), (32, "feature"))
        self.assertEqual(records[0]["layers"][0]["rows"], 4 * 5)
        for rec, want in zip(records, wants):
            self.assertStats(rec["layers"][0], want[0])

    def test_a_transformer_layer_with_a_functional_activation_is_named(self):
        layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, activation="relu", batch_first=True)
        model = nn.Sequential(layer, nn.Flatten(), nn.Linear(3 * 8, 4), nn.ReLU())
        with self.assertWarnsRegex(UserWarning, r"^leaky_lab_monitor: 0 use a functional activation, which cannot be hooked; build them with activation=nn.ReLU\(\)"):
            mon = LeakyLabMonitor(model, self.path)
        model(torch.randn(2, 3, 8))
        mon.step()
        mon.close()
        header, _ = read_log(self.path)
        self.assertEqual([l["name"] for l in header["layers"]], ["3"])

    def test_a_module_applied_twice_is_two_layers(self):
        class Block(nn.Module):
            """A residual block that reuses one ReLU, as torchvision's BasicBlock does, at two widths."""

            def __init__(self):
                super().__init__()
                self.fc1 = nn.Linear(4, 6)
                self.fc2 = nn.Linear(6, 3)
                self.relu = nn.ReLU()

            def forward(self, x):
                return self.relu(self.fc2(self.relu(self.fc1(x))))

        model = Block()
        with torch.no_grad():
            model.fc1.weight.zero_()
            model.fc1.bias.copy_(torch.tensor([1.0, 1.0, 1.0, -1.0, -1.0, -1.0]))  # 3 of 6 dead at the first call
            model.fc2.weight.zero_()
            model.fc2.bias.copy_(torch.tensor([1.0, -1.0, -1.0]))  # 2 of 3 dead at the second
        mon = LeakyLabMonitor(model, self.path, every=1)
        for _ in range(3):  # two micro-batches per step: the call sites are numbered per forward pass
            model(torch.randn(5, 4)).sum().backward()
            model(torch.randn(2, 4)).sum().backward()
            mon.step()
        mon.close()
        header, records = read_log(self.path)
        self.assertEqual([(l["name"], l["units"]) for l in header["layers"]], [("relu", 6), ("relu#2", 3)])
        for rec in records:
            self.assertEqual([l["rows"] for l in rec["layers"]], [7, 7])
            self.assertEqual(rec["layers"][0]["deadPercent"], 50.0)
            self.assertAlmostEqual(rec["layers"][1]["deadPercent"], 100 * 2 / 3, places=3)

    def test_conv1d_output_counts_channels(self):
        model = nn.Sequential(nn.Conv1d(2, 5, 3), nn.Dropout(0.1), nn.ReLU(), nn.Flatten(), nn.Linear(5 * 6, 2))
        mon = LeakyLabMonitor(model, self.path, every=1)
        model(torch.randn(3, 2, 8)).sum().backward()
        mon.step()
        mon.close()
        header, records = read_log(self.path)
        self.assertEqual((header["layers"][0]["units"], header["layers"][0]["unit"]), (5, "channel"))
        self.assertEqual(records[0]["layers"][0]["rows"], 3 * 6)

    def test_gradient_accumulation_counts_every_micro_batch(self):
        model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
        with torch.no_grad():
            model[0].weight.zero_()
            model[0].bias.copy_(torch.tensor([1.0, -1.0, -1.0, -1.0]))
        mon = LeakyLabMonitor(model, self.path, every=1)
        model(torch.randn(5, 3)).sum().backward()
        with torch.no_grad():
            model[0].bias[1] = 1.0  # unit 1 fires in the second micro-batch only: not dead over the window
        model(torch.randn(7, 3)).sum().backward()
        mon.step()
        mon.close()
        _, records = read_log(self.path)
        got = records[0]["layers"][0]
        self.assertEqual(got["rows"], 12)
        self.assertEqual(got["deadPercent"], 50.0)
        self.assertAlmostEqual(got["zeroFraction"], (5 * 3 + 7 * 2) / (12 * 4), places=6)
        # unit 0: |a| = 1 on 12 rows, unit 1 on 7; layer mean (12 + 7) / 12 / 4: neither dormant, 2 and 3 are.
        self.assertEqual(got["dormantPercent"], 50.0)

    def test_a_diverged_run_still_writes_valid_json(self):
        model = nn.Sequential(nn.Linear(3, 4), nn.PReLU(4), nn.Linear(4, 2), nn.ReLU())
        with torch.no_grad():
            model[0].weight[0, 0] = float("nan")
            model[1].weight[1] = float("inf")
        mon = LeakyLabMonitor(model, self.path, every=1)
        loss = model(torch.randn(5, 3)).sum()
        mon.step(loss)
        mon.close()

        def refuse(constant):
            raise AssertionError("not JSON: %s" % constant)

        with open(self.path, encoding="utf-8") as f:
            lines = [json.loads(line, parse_constant=refuse) for line in f]
        rec = lines[1]
        self.assertEqual(rec["loss"], "nan")
        self.assertNotIn("alpha", rec["layers"][0])
        for layer in rec["layers"]:
            for key in ("deadPercent", "inactivePercent", "dormantPercent", "zeroFraction"):
                self.assertTrue(layer[key] is None or 0 <= layer[key] <= 100, (key, layer[key]))

    def test_bad_arguments_are_refused_with_the_reason(self):
        with self.assertRaisesRegex(ValueError, "no activation module"):
            LeakyLabMonitor(nn.Linear(2, 2), self.path)
        with self.assertRaisesRegex(ValueError, "every must be a positive integer"):
            LeakyLabMonitor(nn.Sequential(nn.ReLU()), self.path, every=0)
        with self.assertRaisesRegex(ValueError, "unit_dims names no watched layer: nope"):
            LeakyLabMonitor(nn.Sequential(nn.ReLU()), self.path, unit_dims={"nope": 1})


def _ddp_worker(rank, world, path, port, result_path):
    """One rank of a 2-process gloo group: DDP training with the monitor, different data per rank."""
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel as DDP

    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    dist.init_process_group("gloo", rank=rank, world_size=world)
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 2))
    with torch.no_grad():
        net[0].weight.zero_()
        # Unit 0 always on; unit 1 on only for rank 1's inputs (x[:, 0] > 0 there); units 2-5 always off.
        net[0].weight[1, 0] = 1.0
        net[0].bias.copy_(torch.tensor([1.0, 0.0, -1.0, -1.0, -1.0, -1.0]))
    model = DDP(net)
    opt = torch.optim.SGD(model.parameters(), lr=0.0)  # lr 0: the weights stay as set, the counts are known
    mon = LeakyLabMonitor(model, path, every=2)
    for step in range(4):
        x = torch.randn(10, 4, generator=torch.Generator().manual_seed(rank * 100 + step))
        x[:, 0] = x[:, 0].abs() * (1 if rank == 1 else -1)
        loss = model(x).pow(2).mean() + rank  # rank 1's loss is 1 higher: the logged loss is the mean
        opt.zero_grad()
        loss.backward()
        opt.step()
        mon.step(loss)
    mon.close()
    if rank == 0:
        with open(result_path, "w") as f:
            json.dump({"rank": rank}, f)
    dist.destroy_process_group()


class DistributedTest(unittest.TestCase):
    def test_two_process_gloo_group_reduces_counts_and_rank0_writes(self):
        import socket

        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "ddp.jsonl")
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            mp.spawn(_ddp_worker, args=(2, path, port, os.path.join(d, "done.json")), nprocs=2, join=True)
            with open(path, encoding="utf-8") as f:
                lines = [json.loads(line) for line in f]
        header, records = lines[0], lines[1:]
        self.assertEqual(header["worldSize"], 2)
        self.assertEqual(header["layers"][0]["name"], "1")  # the "module." of the DDP wrapper is dropped
        self.assertEqual([r["step"] for r in records], [0, 2])  # one header, one line per record: rank 1 wrote nothing
        for rec in records:
            got = rec["layers"][0]
            self.assertEqual(got["rows"], 20)  # both ranks' 10 rows
            # Unit 1 fires on rank 1 only: with the counts summed it is alive, so 4 of 6 are dead (not 5).
            self.assertAlmostEqual(got["deadPercent"], 100.0 * 4 / 6, places=3)
            self.assertAlmostEqual(got["inactivePercent"], 100.0 * 4 / 6, places=3)
        self.assertGreater(records[0]["loss"], 0.5)  # mean of rank 0's loss and rank 1's (1 higher)


if __name__ == "__main__":
    unittest.main()

"""Leaky Lab monitor: per-layer dead, inactive, dormant and zero fractions of a real PyTorch model.

Add two lines to your own training loop and open the log in Leaky Lab (File > Open run log, or
``npx leaky-lab report run.jsonl``)::

    from leaky_lab_monitor import LeakyLabMonitor
    mon = LeakyLabMonitor(model, "run.jsonl", every=100)   # after building the model
    for x, y in batches:
        loss = loss_fn(model(x), y)
        opt.zero_grad(); loss.backward(); opt.step()
        mon.step(loss)                                     # after every optimizer step

Only ``torch`` is needed (PyTorch 1.13 or newer); copy this one file next to your script.

What it hooks
    Forward hooks on the model's activation modules (nn.ReLU, nn.LeakyReLU, nn.PReLU, nn.GELU, ...,
    see ACTIVATIONS), found with ``model.named_modules()``, so any model that uses activation modules
    works: MLPs, CNNs, transformer MLP blocks. Functional activations (``F.relu(x)`` in a forward) have
    no module to hook; use the module form (``nn.TransformerEncoderLayer(..., activation=nn.ReLU())``
    instead of ``activation="relu"``). The hooks are registered only for the forward passes of a
    record step (step 0, ``every``, ``2 * every``, ...) and removed after it, so the other steps run
    the model untouched. A module applied more than once in a forward pass (one nn.ReLU reused, as in
    torchvision's BasicBlock) is one layer per call, in call order: "layer1.0.relu", "layer1.0.relu#2".
    The calls are numbered from the start of each forward pass of the model you pass (call it, not a
    submodule); the layers are those the first record step's forward reached.

What a "unit" is
    A unit is one feature of a fully connected layer (the last dimension of a (batch, features)
    output), one channel of a convolution (dimension 1 of (batch, channels, ...): reduced over the
    batch and every spatial position), and one hidden feature of a transformer MLP block (the last
    dimension of (batch, tokens, features): reduced over the batch and every token). A 3-D output
    counts as (batch, channels, length) when the module before the activation (Dropout and Identity
    skipped) is a convolution or a batch, group or instance norm, else as (batch, tokens, features);
    pass ``unit_dims={"layer.name": 1}`` to say otherwise.

The window
    Every input that passes through the model during a record step (every forward pass between two
    ``mon.step()`` calls, gradient-accumulation micro-batches included) is one window. Each statistic
    below is over that window.

Statistics per layer (one record line per record step)
    deadPercent      % of units whose output is exactly 0 for every input of the window. Recorded only
                     for activations whose gradient is 0 where their output is 0 (ReLU, ReLU6, Leaky
                     ReLU with slope 0, Hardtanh(0, x), Threshold(t, 0)): such a unit gets no gradient
                     from this window, it is dead. null for every other activation.
    inactivePercent  % of units whose pre-activation z is <= 0 for every input of the window. Under
                     ReLU that is the dead units again; under Leaky ReLU, PReLU, ELU, GELU, ... such a
                     unit still gets gradient (it is inactive, not dead).
    dormantPercent   % of tau-dormant units (Sokar et al. 2023, "The Dormant Neuron Phenomenon in Deep
                     Reinforcement Learning"): s_i = mean_x |a_i(x)| / ((1/H) sum_k mean_x |a_k(x)|),
                     dormant when s_i <= tau (a layer whose outputs are all 0 is all dormant).
    zeroFraction     the fraction (0 to 1) of all activation values of the window that are exactly 0:
                     ``(activations == 0).float().mean()``, the common "dead_ratio".
    alpha            PReLU only: the learned slopes the window's first forward pass used: mean, min,
                     max, and every value when there are at most ALPHA_VALUES_MAX of them.

    tau defaults to 0.025 (pass ``tau=``); tau = 0 counts only units whose mean |a| is exactly 0.
    With an in-place activation (``inplace=True``) the input is overwritten before the hook sees it;
    z <= 0 is then read from the output, whose sign is z's for every activation listed here.

DistributedDataParallel
    Under torch.distributed (initialized), every rank must call ``mon.step()`` on the same steps (as a
    DDP loop does). At each record step the counts of every rank are summed with one all_reduce, so a
    unit is dead only if it is 0 on every rank's inputs; the loss is averaged over ranks. Only rank 0
    opens and writes the file. Pass ``model`` or the DDP wrapper; the "module." prefix is dropped.

Cost
    Nothing on steps that do not record (no hook is registered then). On a record step: four
    reductions per activation layer, one small all_reduce under DDP and one JSON line. Measured on a
    784-512-512-10 ReLU MLP, batch 128, one CPU thread: a record step costs about a sixth of a plain
    step more, so 0.18% per step averaged over a run at every=100 (under 2% for every >= 10). Leaky
    Lab's ``npm run bench -- --only monitor`` measures it (docs/benchmarks.md, "The PyTorch monitor").

The file: JSON Lines, documented in Leaky Lab's docs/run-log-format.md. The first line is a header
(format, version, every, tau, the layers with their names, types and unit counts); each further line is
one record step.
"""

import json
import math
import time
import warnings

import torch
import torch.nn as nn

FORMAT = "leaky-lab-run-log"
VERSION = 1
ALPHA_VALUES_MAX = 64

# Activation module -> kind. "zero-grad": the gradient is 0 where the output is 0, so an always-0 unit
# is dead. "leaky": negative inputs still pass gradient. "smooth": saturating or positive everywhere.
ACTIVATIONS = {
    nn.ReLU: "zero-grad",
    nn.ReLU6: "zero-grad",
    nn.LeakyReLU: "leaky",
    nn.PReLU: "leaky",
    nn.RReLU: "leaky",
    nn.ELU: "leaky",
    nn.CELU: "leaky",
    nn.SELU: "leaky",
    nn.GELU: "leaky",
    nn.SiLU: "leaky",
    nn.Mish: "leaky",
    nn.Hardswish: "leaky",
    nn.Softplus: "smooth",
    nn.Tanh: "smooth",
    nn.Sigmoid: "smooth",
    nn.Hardtanh: "smooth",
    nn.Threshold: "smooth",
}

_LAYOUT_KEEPING = (nn.modules.dropout._DropoutNd, nn.Identity)
_CHANNEL_MODULES = (nn.modules.conv._ConvNd, nn.modules.batchnorm._BatchNorm, nn.GroupNorm, nn.InstanceNorm1d)


def _kind(module):
    """The activation kind of `module` (see ACTIVATIONS), or None when it is not an activation."""
    for cls, kind in ACTIVATIONS.items():
        if type(module) is cls:
            if cls is nn.LeakyReLU and module.negative_slope == 0:
                return "zero-grad"
            if cls is nn.Hardtanh and module.min_val == 0:
                return "zero-grad"
            if cls is nn.Threshold and module.value == 0:
                return "zero-grad"
            return kind
    return None


def _describe(module):
    """A short type text for the header: "ReLU", "LeakyReLU(0.01)", "PReLU(512)"."""
    name = type(module).__name__
    if isinstance(module, nn.LeakyReLU):
        return "%s(%g)" % (name, module.negative_slope)
    if isinstance(module, nn.PReLU):
        return "%s(%d)" % (name, module.num_parameters)
    if isinstance(module, nn.ELU):
        return "%s(%g)" % (name, module.alpha)
    return name


def _rank_and_world():
    """(rank, world size) of the initialized default process group, else (0, 1)."""
    dist = torch.distributed
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


class _Watched:
    """One activation module of the model: its name, kind and layout hints, and its calls in this forward."""

    def __init__(self, name, module, channel_before, unit_dim):
        self.name = name
        self.module = module
        self.kind = _kind(module)
        self.channel_before = channel_before
        self.unit_dim = unit_dim
        self.calls = 0  # calls since the model's forward began (reset by its pre-hook)


class _Layer:
    """One call site of a watched module (a module applied twice in a forward is two layers) and the
    window's running counts."""

    def __init__(self, watched, site):
        self.watched = watched
        self.module = watched.module
        self.kind = watched.kind
        self.name = watched.name if site == 0 else "%s#%d" % (watched.name, site + 1)
        self.units = None
        self.unit = "feature"
        self.reset()

    def reset(self):
        """Clears the window's counts (float64: exact up to 2**53 rows)."""
        self.rows = 0.0
        self.nonzero = None  # per unit: values != 0
        self.positive_z = None  # per unit: inputs with z > 0
        self.abs_sum = None  # per unit: sum of |a|
        self.alpha = None  # PReLU: the slopes of the window's first forward pass

    def dim_of(self, a):
        """The unit dimension of an output of this shape (see the module docstring)."""
        if self.watched.unit_dim is not None:
            return self.watched.unit_dim % a.dim()
        if a.dim() <= 2 or (a.dim() == 3 and not self.watched.channel_before):
            return a.dim() - 1
        return 1

    def add(self, module, inputs, output):
        """Adds one call's counts to the window; False (nothing added) when its unit count changed."""
        with torch.no_grad():
            a = output.detach()
            z = inputs[0].detach() if inputs and isinstance(inputs[0], torch.Tensor) else a
            if z.data_ptr() == a.data_ptr() or z.shape != a.shape:
                z = a  # in place: z is gone; the output has its sign
            d = self.dim_of(a)
            units = a.shape[d]
            if self.units is not None and units != self.units:
                return False
            self.units = units
            self.unit = "channel" if d == 1 and a.dim() >= 3 else "feature"
            other = [i for i in range(a.dim()) if i != d]
            nonzero = (a != 0).sum(dim=other, dtype=torch.float64) if other else (a != 0).double()
            positive = (z > 0).sum(dim=other, dtype=torch.float64) if other else (z > 0).double()
            abs_sum = a.abs().sum(dim=other, dtype=torch.float64) if other else a.abs().double()
            if self.nonzero is None:
                self.nonzero, self.positive_z, self.abs_sum = nonzero, positive, abs_sum
            else:
                self.nonzero += nonzero
                self.positive_z += positive
                self.abs_sum += abs_sum
            self.rows += a.numel() // units
            if self.alpha is None and isinstance(module, nn.PReLU):
                self.alpha = module.weight.detach().double().cpu().flatten()
        return True


class LeakyLabMonitor:
    """Records per-layer dead %, inactive %, tau-dormant %, zero fraction and PReLU slopes every
    `every` steps to the JSON Lines file `path` (see the module docstring)."""

    def __init__(self, model, path, every=100, tau=0.025, unit_dims=None, layers=None):
        """model: the nn.Module (or DDP wrapper) to watch; path: the .jsonl file (rank 0 writes it);
        every: record at steps 0, every, 2 * every, ...; tau: the dormant threshold; unit_dims: {layer
        name: dimension} overrides; layers: the layer names to watch (default: every activation)."""
        if not isinstance(every, int) or every < 1:
            raise ValueError("leaky_lab_monitor: every must be a positive integer, got %r" % (every,))
        if not (isinstance(tau, (int, float)) and 0 <= tau < 1):
            raise ValueError("leaky_lab_monitor: tau must be in [0, 1), got %r" % (tau,))
        self.every = every
        self.tau = float(tau)
        self.path = path
        self.rank, self.world = _rank_and_world()
        self._step = 0
        self._handles = []
        self._file = None
        self._header_written = False
        self._start = time.perf_counter()
        wrapped = isinstance(model, (nn.parallel.DistributedDataParallel, nn.DataParallel))
        self._root = model.module if wrapped else model
        self._model_name = type(self._root).__name__
        unit_dims = dict(unit_dims or {})
        self._watched = []
        # Call sites, in the order the first record's forward pass reached them; fixed after it (the header).
        self.layers = []
        self._sites = {}
        self._frozen = False
        self._warned = set()
        previous_channel = False
        for name, module in self._root.named_modules():
            if _kind(module) is not None and (layers is None or name in layers):
                self._watched.append(_Watched(name, module, previous_channel, unit_dims.pop(name, None)))
            # Dropout and Identity keep their input's layout: the module before them still decides.
            if len(list(module.children())) == 0 and _kind(module) is None and not isinstance(module, _LAYOUT_KEEPING):
                previous_channel = isinstance(module, _CHANNEL_MODULES)
        # A transformer layer built with activation="relu" calls F.relu: nothing to hook. Said once, by name.
        functional = [n for n, m in model.named_modules() if isinstance(m, (nn.TransformerEncoderLayer, nn.TransformerDecoderLayer)) and not isinstance(getattr(m, "activation", None), nn.Module)]
        if functional:
            warnings.warn("leaky_lab_monitor: %s use a functional activation, which cannot be hooked; build them with activation=nn.ReLU() (or nn.GELU()) to watch their MLP blocks" % ", ".join(n or "the model" for n in functional), stacklevel=2)
        if unit_dims:
            raise ValueError("leaky_lab_monitor: unit_dims names no watched layer: %s" % ", ".join(sorted(unit_dims)))
        if not self._watched:
            raise ValueError("leaky_lab_monitor: %s has no activation module to watch (functional activations such as F.relu cannot be hooked; use nn.ReLU() etc.)" % self._model_name)
        if self.rank == 0:
            self._file = open(path, "w", encoding="utf-8")
        self._arm()

    @property
    def steps(self):
        """How many times step() has been called (the optimizer steps taken)."""
        return self._step

    def _arm(self):
        """Registers the forward hooks for the coming record step (and the pre-hook that numbers calls)."""
        for layer in self.layers:
            layer.reset()
        self._handles.append(self._root.register_forward_pre_hook(self._forward_begins))
        for w in self._watched:
            w.calls = 0
            self._handles.append(w.module.register_forward_hook(self._hook_for(w)))

    def _disarm(self):
        for h in self._handles:
            h.remove()
        self._handles = []

    def _forward_begins(self, module, inputs):
        for w in self._watched:
            w.calls = 0

    def _hook_for(self, w):
        def hook(module, inputs, output):
            if not isinstance(output, torch.Tensor) or output.dim() == 0:
                return
            site = w.calls
            w.calls += 1
            layer = self._sites.get((id(w), site))
            if layer is None:
                if self._frozen:
                    self._warn(("new", w.name, site), "leaky_lab_monitor: %s was called %d times in one forward pass, more than in the first record's; the extra calls are not counted" % (w.name, site + 1))
                    return
                layer = _Layer(w, site)
                self._sites[(id(w), site)] = layer
                self.layers.append(layer)
            if not layer.add(module, inputs, output):
                self._warn(("units", layer.name), "leaky_lab_monitor: layer %s changed its unit count (%d before); those calls are not counted" % (layer.name, layer.units))
        return hook

    def _warn(self, key, message):
        """Warns once per key: the user's training goes on."""
        if key not in self._warned:
            self._warned.add(key)
            warnings.warn(message, stacklevel=2)

    def step(self, loss=None):
        """Call once after each optimizer step. On a record step (steps 0, every, 2 * every, ... counted
        in optimizer steps taken before the window's forward passes) writes the window's statistics and
        `loss` (a tensor or number, optional; averaged over ranks under DDP)."""
        recording = bool(self._handles)
        if recording:
            self._disarm()
            self._record(loss)
        self._step += 1
        if self._step % self.every == 0:
            self._arm()

    def _reduced(self, loss):
        """Every layer's counts (and the loss) summed over ranks: one float64 vector per layer, the loss."""
        parts = []
        for layer in self.layers:
            h = layer.units or 0
            if layer.nonzero is None:
                parts.append(torch.zeros(1 + 3 * h, dtype=torch.float64))
            else:
                parts.append(torch.cat([torch.tensor([layer.rows], dtype=torch.float64), layer.nonzero.cpu(), layer.positive_z.cpu(), layer.abs_sum.cpu()]))
        loss_value = float("nan") if loss is None else float(loss.detach().item() if isinstance(loss, torch.Tensor) else loss)
        flat = torch.cat(parts + [torch.tensor([0.0 if loss is None else loss_value, 1.0], dtype=torch.float64)])
        if self.world > 1:
            dist = torch.distributed
            # The backend's device: NCCL reduces CUDA tensors only.
            if dist.get_backend() == "nccl":
                flat = flat.cuda()
                dist.all_reduce(flat)
                flat = flat.cpu()
            else:
                dist.all_reduce(flat)
        out = []
        at = 0
        for layer, p in zip(self.layers, parts):
            out.append(flat[at:at + p.numel()])
            at += p.numel()
        loss_sum, ranks = flat[at].item(), flat[at + 1].item()
        return out, (None if loss is None else loss_sum / ranks)

    def _record(self, loss):
        if not self.layers:
            self._warn(("empty", self._step), "leaky_lab_monitor: no forward pass of the model between two mon.step() calls at step %d; nothing recorded" % self._step)
            return
        self._frozen = True
        vectors, loss_mean = self._reduced(loss)
        if self.rank != 0:
            return
        if not self._header_written:
            self._write_header()
        layers = []
        for layer, v in zip(self.layers, vectors):
            layers.append(self._layer_record(layer, v))
        rec = {"step": self._step, "time": round(time.perf_counter() - self._start, 3)}
        if loss_mean is not None:
            rec["loss"] = loss_mean if math.isfinite(loss_mean) else ("nan" if math.isnan(loss_mean) else ("inf" if loss_mean > 0 else "-inf"))
        rec["layers"] = layers
        self._file.write(json.dumps(rec, separators=(",", ":")) + "\n")
        self._file.flush()

    def _layer_record(self, layer, v):
        """One layer's statistics from its reduced vector [rows, nonzero[H], positive_z[H], abs_sum[H]]."""
        h = layer.units or 0
        rows = v[0].item()
        rec = {"rows": int(rows)}
        if rows > 0 and h > 0:
            nonzero, positive, abs_sum = v[1:1 + h], v[1 + h:1 + 2 * h], v[1 + 2 * h:1 + 3 * h]
            mean_abs = abs_sum / rows
            layer_mean = mean_abs.mean().item()
            dormant = h if layer_mean == 0 else int((mean_abs / layer_mean <= self.tau).sum().item())
            rec["deadPercent"] = _pct(int((nonzero == 0).sum().item()), h) if layer.kind == "zero-grad" else None
            rec["inactivePercent"] = _pct(int((positive == 0).sum().item()), h)
            rec["dormantPercent"] = _pct(dormant, h)
            rec["zeroFraction"] = round(1.0 - nonzero.sum().item() / (rows * h), 6)
        # JSON has no NaN: slopes gone non-finite (a diverged run) are left out rather than written invalid.
        if layer.alpha is not None and bool(torch.isfinite(layer.alpha).all()):
            w = layer.alpha
            alpha = {"mean": round(w.mean().item(), 6), "min": round(w.min().item(), 6), "max": round(w.max().item(), 6)}
            if w.numel() <= ALPHA_VALUES_MAX:
                alpha["values"] = [round(x, 6) for x in w.tolist()]
            rec["alpha"] = alpha
        return rec

    def _write_header(self):
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "torch": torch.__version__,
            "model": self._model_name,
            "every": self.every,
            "tau": self.tau,
            "worldSize": self.world,
            "layers": [
                {
                    "name": layer.name,
                    "type": _describe(layer.module),
                    "kind": layer.kind,
                    "units": layer.units or 0,
                    "unit": layer.unit,
                }
                for layer in self.layers
            ],
        }
        self._file.write(json.dumps(header, separators=(",", ":")) + "\n")
        self._header_written = True

    def close(self):
        """Removes the hooks and closes the file (also on `with LeakyLabMonitor(...) as mon:` exit)."""
        self._disarm()
        if self._file is not None:
            if not self._header_written:
                self._write_header()
            self._file.close()
            self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _pct(count, total):
    """count / total as a percentage rounded to 4 decimals."""
    return round(100.0 * count / total, 4)

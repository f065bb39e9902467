/**
 * The part of every exported PyTorch script that is the same for all experiments (Python 3.8+, torch 1.13
 * or 2.x, numpy): lanes as nn.Sequential, the optimizers, events, the app's probe, and --check. torch-script.ts
 * puts the experiment's constants before it and its arrays after it.
 */
export const TORCH_SCRIPT_BODY = String.raw`# ---------------------------------------------------------------------------------------------------
# Everything below is the same for every exported experiment.
# ---------------------------------------------------------------------------------------------------


def load_arrays():
    """The exported arrays by name, as numpy arrays (embedded below, or from the side-car .npz)."""
    if SIDECAR is None:
        return {name: np.frombuffer(base64.b64decode(text), dtype=dtype).reshape(shape).copy() for name, (dtype, shape, text) in EMBEDDED.items()}
    name, sha256 = SIDECAR
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    if not os.path.exists(path):
        sys.exit(f"This script needs its side-car file {name} next to it (SHA-256 {sha256}), which holds the "
                 f"training rows, initial weights and batch order; export again to get both files.")
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != sha256:
        sys.exit(f"{path} is not the side-car this script was exported with (its SHA-256 is {digest}, "
                 f"expected {sha256}): the numbers would not be the app's. Export again.")
    with np.load(path) as npz:
        return {key: npz[key].copy() for key in npz.files}


def leaks_gradient(spec):
    """True when the activation passes gradient for z < 0: its all-negative neurons are "inactive", still learning.
    False for ReLU (and Leaky ReLU with slope 0): such a neuron is "dead", it gets no gradient through itself."""
    if spec["kind"] == "relu":
        return False
    if spec["kind"] == "leaky_relu":
        return spec["alpha"] > 0
    if spec["kind"] == "rrelu":
        return spec["upper"] > 0
    return True


def make_activation(spec, width):
    """The torch module for one hidden layer's activation (the app's names are PyTorch's)."""
    kind = spec["kind"]
    if kind == "relu":
        return nn.ReLU()
    if kind == "leaky_relu":
        return nn.LeakyReLU(negative_slope=spec["alpha"])
    if kind == "prelu":
        # One learned slope per neuron, or one shared by the layer; starts at alpha (0.25 by default).
        return nn.PReLU(num_parameters=width if spec["perNeuron"] else 1, init=spec["alpha"])
    if kind == "rrelu":
        return nn.RReLU(lower=spec["lower"], upper=spec["upper"])
    if kind == "elu":
        return nn.ELU(alpha=spec["alpha"])
    if kind == "selu":
        return nn.SELU()
    if kind == "gelu":
        return nn.GELU(approximate=spec["approximate"])
    if kind == "silu":
        return nn.SiLU()
    if kind == "softplus":
        return nn.Softplus(beta=spec["beta"], threshold=spec["threshold"])
    if kind == "tanh":
        return nn.Tanh()
    if kind == "sigmoid":
        return nn.Sigmoid()
    if kind == "identity":
        return nn.Identity()
    raise ValueError(f"unknown activation {kind}")


def negative_slopes(module, width):
    """Per neuron, the slope of the activation far below zero (what a hot-swap to PReLU starts from), as
    the app holds it: rounded to float32."""
    if isinstance(module, nn.PReLU):
        values = module.weight.detach().tolist()
        return values * width if len(values) == 1 else values
    if isinstance(module, nn.LeakyReLU):
        return [float(np.float32(module.negative_slope))] * width
    if isinstance(module, nn.RReLU):
        return [float(np.float32((module.lower + module.upper) / 2))] * width
    if isinstance(module, nn.Identity):
        return [1.0] * width
    return [0.0] * width


def scheduled_lr(schedule, base, t):
    """The learning rate at optimizer step t (0-based) for base rate "base": the closed form of the schedule."""
    if schedule["kind"] == "step":
        return base * schedule["gamma"] ** (t // schedule["stepSize"])
    if schedule["kind"] == "cosine":
        return schedule["etaMin"] + (base - schedule["etaMin"]) * (1 + math.cos(math.pi * t / schedule["tMax"])) / 2
    return base


class Lane:
    """One network with its optimizer, as the app's lane: nn.Sequential of nn.Linear and activation modules."""

    def __init__(self, index, spec, init):
        self.name = spec["name"]
        self.spec = spec
        self.activation = spec["activation"]
        self.base_lr = spec["lr"]
        self.step = 0
        self.diverged = None
        # From the first step a lane trains with RReLU's random slopes, torch draws them, not the app.
        self.random_from = None
        layers = []
        for l in range(len(WIDTHS) - 1):
            linear = nn.Linear(WIDTHS[l], WIDTHS[l + 1])
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(ARRAYS[f"init{init}_w{l}"]))
                linear.bias.copy_(torch.from_numpy(ARRAYS[f"init{init}_b{l}"]))
            layers.append(linear)
            if l < len(WIDTHS) - 2:
                layers.append(make_activation(self.activation, WIDTHS[l + 1]))
        self.model = nn.Sequential(*layers)
        # A PReLU lane's starting slopes (the activation's alpha, or slopes imported from a PyTorch model).
        for h, (i, _) in enumerate(self.activations()):
            if isinstance(self.model[i], nn.PReLU) and f"lane{index}_alpha{h}" in ARRAYS:
                with torch.no_grad():
                    self.model[i].weight.copy_(torch.from_numpy(ARRAYS[f"lane{index}_alpha{h}"]))
        self.build_optimizer()

    def linears(self):
        return [m for m in self.model if isinstance(m, nn.Linear)]

    def activations(self):
        """(index in the Sequential, width) of each hidden layer's activation module."""
        return [(i, self.model[i - 1].out_features) for i in range(1, len(self.model), 2)]

    def slope_params(self):
        return [self.model[i].weight for i, _ in self.activations() if isinstance(self.model[i], nn.PReLU)]

    def params(self):
        """Every trainable tensor in the app's order: per layer weight then bias, then each PReLU's slopes."""
        return [p for m in self.linears() for p in (m.weight, m.bias)] + self.slope_params()

    def build_optimizer(self):
        """The torch.optim optimizer of the lane's spec. PReLU slopes get no weight decay (a second param
        group), as in the app: decaying a slope pushes PReLU back towards ReLU."""
        o = self.spec["optimizer"]
        groups = [{"params": [p for m in self.linears() for p in (m.weight, m.bias)]}]
        if self.slope_params():
            groups.append({"params": self.slope_params(), "weight_decay": 0.0})
        lr = self.lr_now()
        if o["kind"] == "sgd":
            self.optimizer = torch.optim.SGD(groups, lr=lr, momentum=o["momentum"], dampening=o["dampening"],
                                             nesterov=o["nesterov"] and o["momentum"] > 0, weight_decay=o["weightDecay"])
        elif o["kind"] in ("adam", "adamw"):
            make = torch.optim.Adam if o["kind"] == "adam" else torch.optim.AdamW
            self.optimizer = make(groups, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["eps"], weight_decay=o["weightDecay"])
        else:
            self.optimizer = torch.optim.RMSprop(groups, lr=lr, alpha=o["alpha"], eps=o["eps"], momentum=o["momentum"],
                                                 centered=o["centered"], weight_decay=o["weightDecay"])
        self.build_scheduler()

    def build_scheduler(self):
        """torch.optim.lr_scheduler's StepLR or CosineAnnealingLR (the app's step and cosine schedules)."""
        s = self.spec["schedule"]
        if s["kind"] == "step":
            self.scheduler = torch.optim.lr_scheduler.StepLR(self.optimizer, step_size=s["stepSize"], gamma=s["gamma"])
        elif s["kind"] == "cosine":
            self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=s["tMax"], eta_min=s["etaMin"])
        else:
            self.scheduler = None
        self.rebase()

    def lr_now(self):
        return scheduled_lr(self.spec["schedule"], self.base_lr, self.step)

    def rebase(self):
        """Puts the schedule on the current base rate at the current step. The schedulers are recursive
        (each step's rate from the last one), so after a learning-rate change or a new param group both the
        base rates and every group's rate are set from the closed form, from which the recursion goes on."""
        if self.scheduler is not None:
            self.scheduler.base_lrs = [self.base_lr for _ in self.optimizer.param_groups]
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr_now()

    def set_lr(self, lr):
        """A learning-rate change (an event): the new base rate from the next step on."""
        self.base_lr = lr
        self.rebase()

    def swap(self, spec):
        """A hot-swap: every hidden layer's activation module is replaced and the weights are kept. PReLU
        taking over starts from the slope in force, so the swap changes no output; momentum and Adam's
        moments of the weights are kept, new slopes start with none."""
        for i, width in self.activations():
            old = self.model[i]
            if spec["kind"] != "prelu":
                self.model[i] = make_activation(spec, width)
                continue
            slopes = negative_slopes(old, width)
            mean = 0.0
            for s in slopes:
                mean += s / width
            new = nn.PReLU(num_parameters=width if spec["perNeuron"] else 1, init=mean)
            if spec["perNeuron"]:
                with torch.no_grad():
                    new.weight.copy_(torch.tensor(slopes, dtype=torch.float32))
            self.model[i] = new
        self.activation = spec
        self.spec = dict(self.spec, activation=spec)
        # The optimizer keeps the state of the Linear tensors; the slope group is rebuilt.
        groups = self.optimizer.param_groups
        if len(groups) > 1:
            for p in groups[1]["params"]:
                self.optimizer.state.pop(p, None)
            del groups[1]
        if self.slope_params():
            self.optimizer.add_param_group({"params": self.slope_params(), "weight_decay": 0.0})
        self.rebase()
        self.check_weights()

    def save(self):
        """Everything needed to put the lane back here later (a lane rewind)."""
        return {
            "activations": [copy.deepcopy(self.model[i]) for i, _ in self.activations()],
            "spec": self.spec, "activation": self.activation, "base_lr": self.base_lr, "step": self.step,
            "diverged": self.diverged, "random_from": self.random_from,
            "params": [p.detach().clone() for p in self.params()],
            "optimizer": copy.deepcopy(self.optimizer.state_dict()),
            "scheduler": None if self.scheduler is None else self.scheduler.state_dict(),
        }

    def restore(self, saved):
        for (i, _), module in zip(self.activations(), saved["activations"]):
            self.model[i] = copy.deepcopy(module)
        self.spec, self.activation, self.base_lr = saved["spec"], saved["activation"], saved["base_lr"]
        self.step, self.diverged, self.random_from = saved["step"], saved["diverged"], saved["random_from"]
        with torch.no_grad():
            for p, value in zip(self.params(), saved["params"]):
                p.copy_(value)
        self.build_optimizer()
        self.optimizer.load_state_dict(copy.deepcopy(saved["optimizer"]))
        if self.scheduler is not None:
            self.scheduler.load_state_dict(saved["scheduler"])

    def train(self, x, target):
        """One optimizer step on a batch; returns the batch loss before the update (the app's per-step loss).
        A non-finite loss stops the lane before the update, as in the app."""
        if self.diverged is not None:
            return None
        if self.activation["kind"] == "rrelu" and self.random_from is None:
            self.random_from = self.step + 1
        self.model.train()
        self.optimizer.zero_grad()
        out = self.model(x)
        loss = LOSS(out, target)
        value = loss.item()
        if not math.isfinite(value):
            self.diverged = f"the loss became {value} at step {self.step}"
            return value
        loss.backward()
        if self.spec["clipNorm"] is not None:
            nn.utils.clip_grad_norm_(self.params(), self.spec["clipNorm"])
        self.optimizer.step()
        if self.scheduler is not None:
            self.scheduler.step()
        self.step += 1
        return value

    @torch.no_grad()
    def recycle(self, r):
        """ReDo's recycle of neurons r["neurons"] of hidden layer r["layer"], with the values the app drew:
        incoming weights and bias replaced, outgoing weights 0, and the optimizer state of exactly those
        elements zeroed (momentum buffers, Adam's and RMSprop's averages; Adam's per-tensor step count is
        kept, as the app keeps it). A per-neuron PReLU slope goes back to the app's value, its state zeroed."""
        linears = self.linears()
        into, out = linears[r["layer"]], linears[r["layer"] + 1]
        idx = torch.tensor(r["neurons"], dtype=torch.long)
        into.weight[idx] = torch.from_numpy(ARRAYS[f"recycle{r['arrays']}_w"])
        into.bias[idx] = torch.from_numpy(ARRAYS[f"recycle{r['arrays']}_b"])
        out.weight[:, idx] = 0
        targets = [(into.weight, (idx,)), (into.bias, (idx,)), (out.weight, (slice(None), idx))]
        slopes = f"recycle{r['arrays']}_alpha"
        if slopes in ARRAYS:
            prelu = self.model[2 * r["layer"] + 1]
            prelu.weight[idx] = torch.from_numpy(ARRAYS[slopes])
            targets.append((prelu.weight, (idx,)))
        for p, where in targets:
            for value in self.optimizer.state.get(p, {}).values():
                if torch.is_tensor(value) and value.shape == p.shape:
                    value[where] = 0

    def check_weights(self):
        if self.diverged is None and not all(torch.isfinite(p).all() for p in self.params()):
            self.diverged = f"a weight became NaN or infinite by step {self.step}"

    @torch.no_grad()
    def probe(self, x):
        """Per hidden layer, % of neurons inactive on the probe rows (no row gives z > 0), and % dead: the
        same under ReLU, 0 where the activation leaks gradient (those neurons still learn). Evaluation mode,
        as the app's probe (RReLU uses its mean slope)."""
        self.model.eval()
        inactive = []
        h = x
        for k, module in enumerate(self.model):
            h = module(h)
            if isinstance(module, nn.Linear) and k < len(self.model) - 1:
                inactive.append(100.0 * ((h > 0).sum(dim=0) == 0).sum().item() / h.shape[1])
        self.check_weights()
        dead = [0.0] * len(inactive) if leaks_gradient(self.activation) else list(inactive)
        return dead, inactive


def run(print_every):
    """Replays the exported steps; returns per lane {step: loss} and {step: (dead %, inactive %)} at probes."""
    lanes = [Lane(i, spec, init) for i, (spec, init) in enumerate(zip(LANES, LANE_INIT))]
    for i, lane in enumerate(lanes):
        if lane.activation["kind"] == "rrelu" or any(e["lane"] == i and e.get("activation", {}).get("kind") == "rrelu" for e in EVENTS):
            print(f"note: lane {lane.name!r} uses RReLU; its random training slopes are drawn by torch's generator, "
                  "not the app's, so its numbers are not expected to match (--check leaves it out).")
    train_x = torch.from_numpy(ARRAYS["train_x"])
    target = torch.from_numpy(ARRAYS["train_t"]).view(-1, 1) if TASK == "regression" else torch.from_numpy(ARRAYS["train_y"].astype(np.int64))
    probe_x = train_x[torch.from_numpy(ARRAYS["probe_rows"].astype(np.int64))]
    batches = torch.from_numpy(ARRAYS["batches"].astype(np.int64))
    losses = [dict() for _ in lanes]
    probes = [dict() for _ in lanes]
    # Lane rewinds put a lane back to the state it had at an earlier step: keep those states as we pass them.
    wanted = {e["to"] for e in EVENTS if e["type"] == "rewind-lane"}
    saved = {}
    recycles = {}
    for r in RECYCLES:
        recycles.setdefault(r["at"], []).append(r)

    def probe_all(step):
        for i, lane in enumerate(lanes):
            probes[i][step] = lane.probe(probe_x)
        if step % (PROBE_EVERY * print_every) == 0:
            parts = []
            for i, lane in enumerate(lanes):
                dead, inactive = probes[i][step]
                if leaks_gradient(lane.activation):
                    parts.append(f"{lane.name}: inactive % per layer {inactive} (none dead: the activation leaks gradient)")
                else:
                    parts.append(f"{lane.name}: dead % per layer {dead}")
            print(f"probe at step {step}: " + "; ".join(parts))

    probe_all(0)
    pending = list(EVENTS)
    print("step  " + "  ".join(f"{lane.name:>16}" for lane in lanes))
    for s in range(STEPS):
        # Events recorded at step s are applied after s steps, before the next one.
        while pending and pending[0]["step"] <= s:
            e = pending.pop(0)
            lane = lanes[e["lane"]]
            if e["type"] == "activation":
                lane.swap(e["activation"])
                if "lr" in e:
                    lane.set_lr(e["lr"])
            elif e["type"] == "lr":
                lane.set_lr(e["lr"])
            else:
                # A rewind to the step we are at leaves the lane as it is; an earlier one restores the
                # lane's state from then (its weights, optimizer, schedule, activation and step count).
                # The batches go on: a rewound lane trains on the session's next batches, as in the app.
                if e["to"] < s:
                    lane.restore(saved[e["to"]][e["lane"]])
                if "lr" in e:
                    lane.set_lr(e["lr"])
        if s in wanted:
            saved[s] = [lane.save() for lane in lanes]
        rows = batches[s]
        values = [lane.train(train_x[rows], target[rows]) for lane in lanes]
        for i, v in enumerate(values):
            if v is not None and math.isfinite(v):
                losses[i][s + 1] = v
        # ReDo acts after the step it is due at, before that step's probe, as in the app.
        for r in recycles.get(s + 1, []):
            lanes[r["lane"]].recycle(r)
        if (s + 1) % print_every == 0:
            print(f"{s + 1:<6}" + "  ".join(f"{'-' if v is None else format(v, '.9g'):>16}" for v in values))
        # Statistics on the app's fixed schedule: every PROBE_EVERY steps of the furthest lane.
        step = max(lane.step for lane in lanes)
        if step % PROBE_EVERY == 0 and step > 0:
            probe_all(step)
    for lane in lanes:
        if lane.diverged is not None:
            print(f"lane {lane.name!r} stopped: {lane.diverged}")
    return lanes, losses, probes


def read_metrics(path):
    """The app's metrics: "leaky-lab run --out FILE.csv" (one row per step and lane) or the history CSV
    (the app's "Export metrics CSV", "run --history"; every 10 steps, lanes by name)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{path} has no rows")
    loss_col = "loss" if "loss" in rows[0] else "mse"
    if "step" not in rows[0] or "lane" not in rows[0] or loss_col not in rows[0]:
        sys.exit(f"{path} is not a Leaky Lab metrics CSV: it needs the columns step, lane and loss (or mse); it has {', '.join(rows[0])}")
    names = [spec["name"] for spec in LANES]
    table = {}
    for n, row in enumerate(rows, start=2):
        lane = row["lane"]
        index = int(lane) if lane.isdigit() and "name" in row else (names.index(lane) if lane in names else None)
        if index is None:
            sys.exit(f"{path}, row {n}: column lane is {lane!r}, which names no lane of this experiment ({', '.join(names)})")
        try:
            step = int(float(row["step"]))
        except ValueError:
            sys.exit(f"{path}, row {n}: column step is {row['step']!r}, not a number")
        cell = lambda name: float(row[name]) if row.get(name) not in (None, "") else float("nan")
        layers = len(WIDTHS) - 2
        table[(index, step)] = (cell(loss_col), [cell(f"dead_pct_layer{l + 1}") for l in range(layers)], [cell(f"inactive_pct_layer{l + 1}") for l in range(layers)])
    return table


def check(path, lanes, losses, probes, tolerance):
    """Prints, per lane, the largest |difference| between this run and the app's metrics; True when every
    checked lane's losses agree within "tolerance"."""
    table = read_metrics(path)
    ok = True
    for i, lane in enumerate(lanes):
        worst, at, compared, relative, first_over = 0.0, None, 0, 0.0, None
        for step, loss in losses[i].items():
            if lane.random_from is not None and step >= lane.random_from:
                continue
            theirs = table.get((i, step))
            if theirs is None or not math.isfinite(theirs[0]):
                continue
            compared += 1
            d = abs(loss - theirs[0])
            # Relative to the loss where it is above 1 (a diverging lane's loss can reach millions).
            relative = max(relative, d / max(1.0, abs(theirs[0])))
            if d > tolerance and (first_over is None or step < first_over):
                first_over = step
            if d > worst or at is None:
                worst, at = d, step
        dead_worst, probes_compared = 0.0, 0
        for step, (dead, inactive) in probes[i].items():
            theirs = table.get((i, step))
            if theirs is None or (lane.random_from is not None and step >= lane.random_from):
                continue
            values = [(a, b) for a, b in zip(dead + inactive, theirs[1] + theirs[2]) if math.isfinite(b)]
            if values:
                probes_compared += 1
                dead_worst = max([dead_worst] + [abs(a - b) for a, b in values])
        if compared == 0:
            note = "RReLU's random slopes differ from the app's by design" if lane.random_from is not None else "no steps in common"
            print(f"lane {i} {lane.name!r}: NOT CHECKED ({note})")
            continue
        verdict = "ok" if worst <= tolerance else f"DIFFERS (more than {tolerance:g} from step {first_over} on)"
        ok = ok and worst <= tolerance
        print(f"lane {i} {lane.name!r}: largest |loss difference| {worst:.3g} (step {at}) over {compared} steps: {verdict}; "
              f"relative to losses above 1: {relative:.3g}; "
              f"largest |dead or inactive % difference| {dead_worst:.3g} over {probes_compared} probes")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", metavar="METRICS.csv", help="compare with the app's metrics CSV (leaky-lab run --out, or the history CSV)")
    parser.add_argument("--tolerance", type=float, default=1e-5, help="largest per-step loss difference --check accepts (default 1e-5)")
    parser.add_argument("--every", type=int, default=1, metavar="N", help="print every N-th step (default 1)")
    args = parser.parse_args()
    global ARRAYS
    ARRAYS = load_arrays()
    lanes, losses, probes = run(max(1, args.every))
    if args.check is not None and not check(args.check, lanes, losses, probes, args.tolerance):
        sys.exit(1)


LOSS = nn.MSELoss() if TASK == "regression" else nn.CrossEntropyLoss()
ARRAYS = {}
`;

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';
import { runHeadless } from '../../../src/core/engine/replay';
import { Session } from '../../../src/core/engine/session';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';

// These tests build the real CLI bundle and run it as a separate process, as a user would.
let bundle: CliBundle;
let dir = '';

beforeAll(async () => {
  bundle = await buildCli('leaky-lab-cli-');
  dir = bundle.dir;
});

const leakyLab = (...args: string[]) => bundle.run(...args);

describe('leaky-lab CLI', () => {
  it('documents every flag in --help', () => {
    const r = leakyLab('--help');
    expect(r.code).toBe(0);
    for (const flag of ['--steps', '--out', '--save', '--dataset', '--samples', '--noise', '--target', '--layers', '--activation', '--lr', '--optimizer', '--momentum', '--dampening', '--nesterov', '--weight-decay', '--schedule', '--clip', '--init', '--bias-shift', '--redo', '--tau', '--batch', '--seed', '--quiet']) {
      expect(r.out).toContain(flag);
    }
  });

  it.each([
    [['run', '--bogus'], /Unknown option '--bogus'/],
    [['run', '--steps', '-1'], /--steps must be a whole number/],
    [['run', '--steps', 'many'], /--steps must be a whole number/],
    [['run', '--lr', 'NaN'], /--lr must be a finite number/],
    [['run', '--lr', '1e9'], /--lr is out of range/],
    [['run', '--activation', 'swish'], /--activation "swish" is unknown/],
    [['run', '--activation', 'leaky_relu:2'], /--activation leaky_relu:2: alpha/],
    [['run', '--activation', 'rrelu:0.5:0.1'], /lower must not exceed upper/],
    [['run', '--layers', '16,-3'], /--layers must be comma-separated whole numbers/],
    [['run', '--layers', '0'], /--layers/],
    [['run', '--batch', '0'], /--batch/],
    [['run', '--dataset', 'mnist'], /--dataset must be one of moons, circles/],
    [['run', '--dataset', 'data.csv'], /data\.csv: no such file/],
    [['run', '--optimizer', 'lbfgs'], /--optimizer must be sgd, adam, adamw or rmsprop/],
    [['run', '--momentum', '2'], /--momentum is out of range/],
    [['run', '--nesterov', '--dampening', '0.5'], /--dampening is refused: .*Nesterov momentum requires a momentum and zero dampening/],
    [['run', '--activation', 'prelu:per-neuron:0.1'], /--activation prelu:per-neuron:0.1: expected prelu\[:ALPHA\]\[:per-neuron\]/],
    [['run', '--init', 'zeros'], /--init must be one of/],
    [['run', '--schedule', 'step:10'], /--schedule must be constant/],
    [['run', '--clip', '0'], /--clip is out of range/],
    [['run', '--bias-shift', 'x'], /--bias-shift must be a finite number/],
    [['run', '--redo', '0:0.025'], /--redo 0:0.025: K \(steps between recycles\) must be a whole number of at least 1/],
    [['run', '--redo', '1000:1.5'], /--redo 1000:1.5: TAU \(the dormant threshold\) must be a number from 0 to 1/],
    [['run', '--redo', '1000'], /--redo must be K:TAU/],
    [['run', '--tau', '-1'], /--tau must be a number from 0 to 1/],
    [['run', '--out', 'metrics.txt'], /--out must name a .csv or .json file/],
    [['fly'], /unknown command "fly"/],
  ])('refuses %j with one line naming the flag', (args, pattern) => {
    const r = leakyLab(...args);
    expect(r.code).not.toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(pattern);
  });

  it('trains from flags, prints the summary table, and writes per-step metrics that match the engine run directly', () => {
    const r = leakyLab('run', '--steps', '400', '--out', 'm.csv', '--save', 'exp.json', '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/lane\s+activation\s+step\s+loss/);
    expect(r.out).toMatch(/ReLU\s+relu\s+400/);
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'm.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(800);

    const session = new Session(defaultSessionSpec());
    const losses: number[] = [];
    runHeadless(session, 400, [], { onStep: (_s, m) => losses.push(m[0]!.loss, m[1]!.loss) });
    // Number -> text -> number round-trips exactly in JavaScript, so the file holds the engine's bits.
    expect(rows.map((row) => Number(row['loss']))).toEqual(losses);
    expect(Number(rows[799]!['dead_pct_layer1'])).toBe(session.metrics()[1]!.deadPercent[0]);
  });

  it('re-runs a saved experiment with identical numbers, including a scheduled hot-swap', () => {
    const exp = JSON.parse(readFileSync(join(dir, 'exp.json'), 'utf8'));
    exp.events = [{ type: 'activation', step: 150, lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 } }];
    writeFileSync(join(dir, 'swap.json'), JSON.stringify(exp));
    expect(leakyLab('run', 'swap.json', '--out', 'a.json', '--quiet').code).toBe(0);
    expect(leakyLab('run', 'swap.json', '--out', 'b.json', '--quiet').code).toBe(0);
    const a = readFileSync(join(dir, 'a.json'), 'utf8');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(a);
    const rows = JSON.parse(a) as { step: number; lane: number; activation: string }[];
    expect(rows.find((r) => r.step === 150 && r.lane === 0)!.activation).toBe('relu');
    expect(rows.find((r) => r.step === 151 && r.lane === 0)!.activation).toBe('leaky_relu:0.1');
  });

  it.each([
    ['not-json.json', '{"format": "leaky-lab-experiment", ', /not valid JSON/],
    ['other.json', '{"hello": 1}', /not a Leaky Lab experiment file/],
    ['newer.json', '{"format": "leaky-lab-experiment", "version": 9}', /newer Leaky Lab .*version 9.*Update Leaky Lab/],
    ['missing.json', '{"format": "leaky-lab-experiment", "version": 1, "steps": 5, "events": []}', /field "spec"/],
    ['badact.json', null, /field "spec.lanes.0.activation.kind"/],
  ])('explains what is wrong with %s', (name, text, pattern) => {
    const content = text ?? readFileSync(join(dir, 'exp.json'), 'utf8').replace('"kind": "relu"', '"kind": "swish"');
    writeFileSync(join(dir, name), content);
    const r = leakyLab('run', name);
    expect(r.code).toBe(1);
    expect(r.err).toContain(name);
    expect(r.err).toMatch(pattern);
  });

  it('builds lanes with the optimizer, schedule, clipping, init and bias shift the flags name', () => {
    const r = leakyLab('run', '--dataset', 'circles', '--optimizer', 'adam', '--lr', '0.01', '--schedule', 'cosine:200', '--clip', '5', '--init', 'he_normal', '--bias-shift', '-0.5', '--steps', '200', '--save', 'flags.json', '--quiet');
    expect(r.code, r.err).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'flags.json'), 'utf8'));
    expect(saved.spec.dataset.kind).toBe('circles');
    expect(saved.spec.lanes[0]).toMatchObject({ lr: 0.01, optimizer: { kind: 'adam' }, schedule: { kind: 'cosine', tMax: 200, etaMin: 0 }, clipNorm: 5, init: { kind: 'he_normal', a: 0 }, biasShift: -0.5 });
  });

  it('runs ReDo from flags, says what it recycled (a width-1 layer included), and saves the recycles as events', () => {
    const r = leakyLab('run', '--layers', '8,1', '--activation', 'relu', '--bias-shift', '-1', '--lr', '0.05', '--redo', '100:0.025', '--tau', '0', '--steps', '300', '--save', 'redo.json', '--quiet');
    expect(r.code, r.err).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'redo.json'), 'utf8'));
    expect(saved.spec.lanes[0]).toMatchObject({ redo: { every: 100, tau: 0.025 }, tau: 0 });
    const recycles = saved.events.filter((e: { type: string }) => e.type === 'recycle');
    expect(recycles.length).toBeGreaterThan(0);
    expect(r.out).toMatch(/ReLU: ReDo recycled \d+ neuron\(s\) at \d+ step\(s\)/);
    if (recycles.some((e: { layer: number }) => e.layer === 1)) expect(r.out).toMatch(/layer 2 has one neuron; its score is 1 unless it outputs 0 on every probe row/);
    // The saved file re-runs to the same recycles and bits.
    const again = leakyLab('run', 'redo.json', '--verify');
    expect(again.code, again.err + again.out).toBe(0);
  });

  it('says when the experiment file does not exist', () => {
    const r = leakyLab('run', 'nowhere.json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nowhere.json: no such file/);
  });
});

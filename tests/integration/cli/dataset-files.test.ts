import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';
import { parseExperiment } from '../../../src/core/protocol/experiment';

// The real CLI bundle, run as a separate process on real files (the bundled Iris CSV and copies of it).
const iris = join(resolve(import.meta.dirname, '../../..'), 'data/bundled/iris.csv');
let bundle: CliBundle;
let dir = '';

beforeAll(async () => {
  bundle = await buildCli('leaky-lab-cli-data-');
  dir = bundle.dir;
});

const leakyLab = (...args: string[]) => bundle.run(...args);

describe('leaky-lab run with dataset files', () => {
  it('trains on a CSV file (target: the last column), saves it embedded, and the saved experiment reproduces the table', () => {
    const first = leakyLab('run', '--dataset', iris, '--steps', '300', '--lr', '0.05', '--quiet', '--save', 'iris.leaky.json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/train acc/);
    const saved = parseExperiment(readFileSync(join(dir, 'iris.leaky.json'), 'utf8'), 'iris.leaky.json');
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.value.spec.dataset).toMatchObject({ kind: 'file', name: 'iris.csv', options: { target: 'species', task: 'classification' } });
    expect(saved.value.data).toMatchObject({ rows: 150, dims: 4, classes: 3 });
    const again = leakyLab('run', 'iris.leaky.json', '--quiet');
    expect(again.code).toBe(0);
    expect(again.out.split('\n').slice(0, 4)).toEqual(first.out.split('\n').slice(0, 4));
  });

  it('writes an empty cell, not NaN, for a test score an empty test split cannot measure', () => {
    writeFileSync(join(dir, 'four.csv'), 'a,b,label\n0,1,x\n1,0,y\n1,1,x\n0,0,y\n');
    const r = leakyLab('run', '--dataset', 'four.csv', '--steps', '20', '--quiet', '--out', 'four-metrics.csv');
    expect(r.code, r.err).toBe(0);
    const [header, first] = readFileSync(join(dir, 'four-metrics.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const at = (name: string) => first![header!.indexOf(name)];
    expect(at('test_accuracy')).toBe('');
    expect(at('test_loss')).toBe('');
    expect(Number(at('train_accuracy'))).toBeGreaterThanOrEqual(0);
    expect(readFileSync(join(dir, 'four-metrics.csv'), 'utf8')).not.toContain('NaN');
  });

  it('finds a referenced file next to the experiment, checks its hash, and says what to do when it is missing or changed', () => {
    expect(leakyLab('run', '--dataset', iris, '--steps', '50', '--quiet', '--save', 'ref.leaky.json').code).toBe(0);
    const x = JSON.parse(readFileSync(join(dir, 'ref.leaky.json'), 'utf8'));
    delete x.data;
    const sub = mkdtempSync(join(dir, 'exp-'));
    writeFileSync(join(sub, 'ref.leaky.json'), JSON.stringify(x));
    const missing = leakyLab('run', join(sub, 'ref.leaky.json'), '--quiet');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/trains on the dataset file "iris\.csv", which was not found at .*iris\.csv: put it next to the experiment, or pass --data PATH/);
    copyFileSync(iris, join(sub, 'iris.csv'));
    const found = leakyLab('run', join(sub, 'ref.leaky.json'), '--quiet');
    expect(found.code).toBe(0);
    writeFileSync(join(sub, 'changed.csv'), readFileSync(iris, 'utf8').replace('5.1,3.5', '5.2,3.5'));
    const changed = leakyLab('run', join(sub, 'ref.leaky.json'), '--quiet', '--data', join(sub, 'changed.csv'));
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/changed\.csv is not the file .* was saved with \(its content hash differs\)/);
  });

  it('takes --target and --task, and refuses a column that is not there with the list of columns', () => {
    const reg = leakyLab('run', '--dataset', iris, '--target', 'petal width (cm)', '--task', 'regression', '--steps', '200', '--lr', '0.01', '--quiet');
    expect(reg.err).toBe('');
    expect(reg.out).toMatch(/train R2/);
    const header = readFileSync(iris, 'utf8').split('\n')[0]!;
    const bad = leakyLab('run', '--dataset', iris, '--target', 'colour', '--quiet');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`--target "colour" is not a column of iris.csv (its columns: ${header.split(',').join(', ')})`);
    expect(leakyLab('run', '--target', 'x').err).toMatch(/--target applies to dataset files only/);
    expect(leakyLab('run', '--dataset', iris, '--task', 'guess').err).toMatch(/--task must be classification or regression/);
  });

  it('gives a one-line reason for a missing or malformed file', () => {
    const none = leakyLab('run', '--dataset', 'nope.csv', '--quiet');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/nope\.csv: no such file/);
    writeFileSync(join(dir, 'empty.csv'), '');
    const empty = leakyLab('run', '--dataset', 'empty.csv', '--quiet');
    expect(empty.code).toBe(1);
    expect(empty.err.trim().split('\n')).toHaveLength(1);
    expect(empty.err).toMatch(/empty\.csv/);
  });

  it('trains the built-in regression targets and bundled datasets by name', () => {
    const r = leakyLab('run', '--dataset', 'sine', '--steps', '200', '--lr', '0.05', '--quiet', '--out', 'sine.csv');
    expect(r.out).toMatch(/train R2/);
    expect(readFileSync(join(dir, 'sine.csv'), 'utf8').split('\n')[0]).toMatch(/^step,lane,name,activation,lr,mse,test_mse,train_r2,test_r2,/);
    const d = leakyLab('run', '--dataset', 'digits', '--layers', '32', '--steps', '100', '--lr', '0.05', '--quiet');
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/train acc/);
  });
});

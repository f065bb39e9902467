// The PyTorch monitor (python/leaky_lab_monitor.py) in real training loops, run by Debian's python3 with
// its python3-torch: the unittest suite (tests/python) and a run whose log this build's reader must open.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunLog } from '../../../src/core/protocol/run-log';
import { diagnoseRunLog } from '../../../src/core/protocol/run-log-diagnosis';

const root = resolve(import.meta.dirname, '../../..');
/** Debian's python3, which has python3-torch; not the first python3 on PATH here. */
const PYTHON = '/usr/bin/python3';

/** Why the monitor cannot be tested on this machine (no python3, or no torch in it), or null. */
function torchMissing(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (r.error !== undefined) return `${PYTHON} cannot be run (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} has no PyTorch (${r.stderr.trim().split('\n').pop()}); apt-get install -y python3-torch`;
  return null;
}

const missing = torchMissing();
// Loudly: a skipped monitor test must not look like a passed one.
if (missing !== null) console.warn(`SKIPPED tests/integration/python/monitor.test.ts: ${missing}`);

describe.skipIf(missing !== null)('leaky_lab_monitor.py with real PyTorch', () => {
  it('passes its unittest suite (statistics against plain computations; MLP, CNN, transformer block; a 2-process gloo DDP group)', () => {
    const r = spawnSync(PYTHON, ['-m', 'unittest', 'discover', '-s', 'tests/python', '-v'], { cwd: root, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    expect(r.stderr).toMatch(/\nOK\n?$/);
    expect(r.stderr).toMatch(/test_two_process_gloo_group_reduces_counts_and_rank0_writes .*\.\.\. ok\n/);
    expect(r.status).toBe(0);
  }, 180_000);

  it('writes, in a real training loop, a log that this build reads whole and diagnoses', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'leaky-lab-monitor-')), 'run.jsonl');
    const r = spawnSync(PYTHON, ['scripts/fixtures/make_run_log_fixture.py', out], { cwd: root, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const parsed = parseRunLog(readFileSync(out, 'utf8'), 'run.jsonl');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.log.problem).toBeNull();
    expect(parsed.log.records).toHaveLength(60);
    expect(diagnoseRunLog(parsed.log).some((f) => f.kind === 'dead' && f.layer === 1)).toBe(true);
  }, 120_000);
});

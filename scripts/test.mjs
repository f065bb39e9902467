#!/usr/bin/env node
// `npm test`: every check the project has, in order, never stopping at the first failure. Each
// typecheck and lint run counts as one test; vitest and Playwright contribute their own counts (read
// from their JSON reports). The last line is the totals: "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { findBrowser, playwrightChromium } from './find-browser.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

/** Runs a command with inherited output; returns true when it exits 0. */
function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
}

/** A check that counts as a single test. */
function check(label, cmd, args) {
  if (run(label, cmd, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

/** A test runner whose JSON report gives the counts; a crash without a report counts as one failure. */
function runner(label, cmd, args, report, count) {
  rmSync(report, { force: true });
  const ok = run(label, cmd, args);
  if (!existsSync(report)) {
    totals.failed++;
    failures.push(`${label} (no report written)`);
    return;
  }
  const c = count(JSON.parse(readFileSync(report, 'utf8')));
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  if (!ok || c.failed > 0) failures.push(label + (c.failed === 0 ? ' (runner exited non-zero)' : ''));
  if (!ok && c.failed === 0) totals.failed++;
}

const bin = (name) => `node_modules/.bin/${name}`;
// The browser is looked for first, so a machine without one hears it in one line before the long checks
// (playwright.config.ts finds the same browser the same way); the end-to-end suite then counts as one
// failure, not one per test.
const browser = findBrowser({ playwrightPath: await playwrightChromium() });
if (browser.source === null) console.log(browser.message);
check('typecheck core (host-free: lib ES2022, no types)', bin('tsc'), ['-p', 'tsconfig.core.json']);
check('typecheck main, preload, cli', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck tests', bin('tsc'), ['-p', 'tsconfig.tests.json']);
check('typecheck renderer (svelte-check)', bin('svelte-check'), ['--tsconfig', './tsconfig.renderer.json', '--fail-on-warnings', '--output', 'human']);
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
check('Electron security scan (electronegativity, fails on medium or above)', process.execPath, ['scripts/electronegativity.mjs']);
runner('unit and integration tests (vitest)', bin('vitest'), ['run'], 'test-results/vitest-results.json', (j) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0),
  skipped: j.numPendingTests + j.numTodoTests,
}));
if (browser.source === null) {
  console.log(`\n=== end-to-end tests (Playwright, Chromium): not run\n${browser.message}`);
  totals.failed++;
  failures.push(`end-to-end tests (Playwright, Chromium): ${browser.message}`);
} else {
  console.log(`\n(end-to-end browser: ${browser.path}, from ${browser.source === 'playwright' ? "Playwright's own download" : browser.source})`);
  runner('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test'], 'test-results/e2e-results.json', (j) => ({
    passed: j.stats.expected + j.stats.flaky,
    failed: j.stats.unexpected,
    skipped: j.stats.skipped,
  }));
}

// Runs for real wherever the Electron binary exists; on machines without it (like CI here) its tests
// report themselves as skipped, naming the missing binary.
runner('end-to-end tests (Electron)', bin('playwright'), ['test', '-c', 'playwright.electron.config.ts'], 'test-results/e2e-electron-results.json', (j) => ({
  passed: j.stats.expected + j.stats.flaky,
  failed: j.stats.unexpected,
  skipped: j.stats.skipped,
}));

if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);

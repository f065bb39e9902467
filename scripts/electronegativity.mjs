#!/usr/bin/env node
// Electron security scan (Doyensec's Electronegativity) of the desktop shell: src/main, src/preload and
// the renderer page (its CSP meta tag), or of the paths given as arguments. Fails (exit 1) on any
// finding of medium severity or above, on any file it could not parse (an unparsed file is an unscanned
// file), and on whole-file `eng-disable` comments; prints the findings, then one summary line.
// Findings are read from the tool's programmatic result, not its report files: its SARIF report has no
// severity (only "warning" or "note", by its manual-review flag), and its CSV report has the severity
// but no parse errors, and 1.10.3 writes the CSV header and rows concurrently, interleaving them.
// The check that downloads Electron's release list is skipped (no network here, and it only reads
// package.json, which is not scanned).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const DEFAULT_INPUTS = ['src/main', 'src/preload', 'src/renderer/index.html'];
const MEDIUM = 2; // Electronegativity's severity values: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3
const SOURCE = /\.(m?[jt]sx?|html?)$/i;

const inputs = process.argv.slice(2);
const targets = (inputs.length > 0 ? inputs : DEFAULT_INPUTS).map((p) => resolve(root, p));

/** Source files under a path, recursively. */
function sourcesUnder(path) {
  if (!statSync(path).isDirectory()) return SOURCE.test(path) ? [path] : [];
  return readdirSync(path, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourcesUnder(join(path, d.name)) : SOURCE.test(d.name) ? [join(path, d.name)] : []));
}

// The tool takes one input folder: stage the targets side by side, so its global checks (CSP,
// navigation limits, permission handler) see the whole shell at once.
const stage = mkdtempSync(join(tmpdir(), 'leaky-lab-electronegativity-'));
try {
  for (const target of targets) cpSync(target, join(stage, basename(target)), { recursive: true });
  const files = sourcesUnder(stage);
  const problems = [];
  const suppressions = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const name = relative(stage, file);
    if (/eng-disable/.test(lines[0] ?? '')) problems.push(`${name}:1 disables checks for the whole file; suppress single reviewed lines instead`);
    lines.forEach((line, i) => {
      if (i > 0 && /eng-disable/.test(line)) suppressions.push(`${name}:${i + 1} ${line.trim()}`);
    });
  }

  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const { default: run } = await import(require.resolve('@doyensec/electronegativity'));
  // The tool prints a line when it cannot fetch fresh translations (no network); keep the output to ours.
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    result = await run({
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    console.log = log;
  }

  for (const e of result.errors.filter((e) => !e.tolerable)) problems.push(`could not parse ${relative(stage, e.file)}: ${e.message}`);
  const serious = result.issues.filter((i) => i.severity.value >= MEDIUM);
  for (const i of serious) {
    console.log(`${i.severity.name} ${i.id} (${i.confidence.name}) ${i.file}:${i.location.line}:${i.location.column} ${i.description} ${i.shortenedURL ?? ''}`);
    if (i.sample) console.log(`    ${String(i.sample).trim()}`);
  }
  for (const p of problems) console.log(`ERROR ${p}`);
  for (const s of suppressions) console.log(`reviewed suppression: ${s}`);
  const minor = result.issues.length - serious.length;
  const ok = serious.length === 0 && problems.length === 0;
  console.log(
    `electronegativity: ${ok ? 'passed' : 'FAILED'}: ${serious.length} finding(s) of medium severity or above, ${problems.length} error(s), ` +
      `${minor} low/informational, ${suppressions.length} reviewed suppression(s); ${files.length} files, ${result.globalChecks + result.atomicChecks} checks, Electron ${electronVersion}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}

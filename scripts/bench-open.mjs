#!/usr/bin/env node
// `node scripts/bench-open.mjs [--quick] [--json FILE]` (part of `npm run bench`): how long opening a saved
// session and rewinding it take for sessions of 10^4 to 10^7 steps, against replaying from step 0 (what
// both cost before state checkpoints). Training the 10^7-step session takes about 12 minutes.
import { writeFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const quick = process.argv.includes('--quick');
const jsonAt = process.argv.indexOf('--json');
const json = jsonAt >= 0 ? process.argv[jsonAt + 1] : null;
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000, 10_000_000];

const { openRewindRows } = await tsImport('./bench/open-rewind.ts', import.meta.url);
console.log(`\n## Open and rewind (default session, one thread${quick ? '; --quick: do not quote' : ''})\n`);
const rows = openRewindRows(sizes, (s) => process.stderr.write(`${s}\n`));
const ms = (x) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
console.log('| session steps | replay from step 0 (the old open/rewind) | file | open (parse + restore) | rewind 1,500 steps back | rewind to the oldest checkpoint | replay / open |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.steps.toLocaleString('en-US')} | ${(r.replayMs / 1000).toFixed(1)} s | ${(r.fileBytes / 1048576).toFixed(1)} MB | ${ms(r.openMs)} ms | ${ms(r.rewindNearMs)} ms | ${ms(r.rewindFarMs)} ms (step ${r.farStep.toLocaleString('en-US')}) | ${(r.replayMs / r.openMs).toFixed(0)}x |`);
}
if (json) writeFileSync(json, `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);

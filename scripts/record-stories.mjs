#!/usr/bin/env node
// Turns `npx leaky-lab stories --json FILE` output into what the app and the docs show:
//   node scripts/record-stories.mjs FILE.json [TABLE.md]
// writes src/core/engine/stories-measured.ts (seeds held per story, shown beside each scenario) and,
// with TABLE.md (the command's stdout), replaces the table between the markers in docs/stories.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [jsonPath, tablePath] = process.argv.slice(2);
if (jsonPath === undefined) {
  process.stderr.write('usage: node scripts/record-stories.mjs STORIES.json [TABLE.md]\n');
  process.exit(2);
}
const run = JSON.parse(readFileSync(jsonPath, 'utf8'));
const date = run.date.slice(0, 10);
const records = Object.fromEntries(run.outcomes.map((o) => [o.id, { seeds: o.seeds, held: o.seedsHeld, horizon: o.horizon, date }]));
const measuredPath = join(root, 'src/core/engine/stories-measured.ts');
const source = readFileSync(measuredPath, 'utf8');
const start = source.indexOf('export const STORY_RECORDS');
const body = Object.entries(records)
  .map(([id, r]) => `  '${id}': { seeds: ${r.seeds}, held: ${r.held}, horizon: ${r.horizon}, date: '${r.date}' },`)
  .join('\n');
writeFileSync(measuredPath, `${source.slice(0, start)}export const STORY_RECORDS: Readonly<Record<string, StoryRecord>> = {\n${body}\n};\n`);
process.stdout.write(`wrote ${measuredPath}\n`);
if (tablePath !== undefined) {
  const docPath = join(root, 'docs/stories.md');
  const doc = readFileSync(docPath, 'utf8');
  const [open, close] = ['<!-- stories-table:start -->', '<!-- stories-table:end -->'];
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  if (a < 0 || b < a) throw new Error(`docs/stories.md has no ${open} ... ${close} markers`);
  const table = readFileSync(tablePath, 'utf8').trim();
  const head = `\`npx leaky-lab stories --seeds ${run.seeds}${run.horizon === null ? '' : ` --horizon ${run.horizon}`}\`, ${run.date.slice(0, 16).replace('T', ' ')} UTC:`;
  writeFileSync(docPath, `${doc.slice(0, a + open.length)}\n${head}\n\n${table}\n${doc.slice(b)}`);
  process.stdout.write(`wrote ${docPath}\n`);
}

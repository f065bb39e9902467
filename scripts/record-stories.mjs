#!/usr/bin/env node
// Turns `npx leaky-lab stories --json FILE > TABLE.md` runs into what the app and the docs show:
//   node scripts/record-stories.mjs RUN.json TABLE.md [RUN2.json TABLE2.md ...]
// writes src/core/engine/stories-measured.ts (seeds held per story, shown beside each scenario) and
// replaces the table between the markers in docs/stories.md with the runs' tables, each with its command.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) {
  process.stderr.write('usage: node scripts/record-stories.mjs RUN.json TABLE.md [RUN2.json TABLE2.md ...]\n');
  process.exit(2);
}
const runs = [];
for (let i = 0; i < args.length; i += 2) runs.push({ run: JSON.parse(readFileSync(args[i], 'utf8')), table: readFileSync(args[i + 1], 'utf8').trim() });

// Stories not in these runs keep their last record and their table: a run of one new story must not
// erase what the others measured.
const records = {};
const measuredText = readFileSync(join(root, 'src/core/engine/stories-measured.ts'), 'utf8');
for (const m of measuredText.matchAll(/'([\w-]+)': \{ seeds: (\d+), held: (\d+), horizon: (\d+), date: '([\d-]+)' \}/g)) records[m[1]] = { seeds: Number(m[2]), held: Number(m[3]), horizon: Number(m[4]), date: m[5] };
for (const { run } of runs) for (const o of run.outcomes) records[o.id] = { seeds: o.seeds, held: o.seedsHeld, horizon: o.horizon, date: run.date.slice(0, 10) };
const measuredPath = join(root, 'src/core/engine/stories-measured.ts');
const source = readFileSync(measuredPath, 'utf8');
const start = source.indexOf('export const STORY_RECORDS');
const body = Object.entries(records)
  .map(([id, r]) => `  '${id}': { seeds: ${r.seeds}, held: ${r.held}, horizon: ${r.horizon}, date: '${r.date}' },`)
  .join('\n');
writeFileSync(measuredPath, `${source.slice(0, start)}export const STORY_RECORDS: Readonly<Record<string, StoryRecord>> = {\n${body}\n};\n`);
process.stdout.write(`wrote ${measuredPath}\n`);

const docPath = join(root, 'docs/stories.md');
const doc = readFileSync(docPath, 'utf8');
const [open, close] = ['<!-- stories-table:start -->', '<!-- stories-table:end -->'];
const a = doc.indexOf(open);
const b = doc.indexOf(close);
if (a < 0 || b < a) throw new Error(`docs/stories.md has no ${open} ... ${close} markers`);
const sections = runs.map(({ run, table }) => {
  const only = run.outcomes.map((o) => o.id).join(',');
  const command = `npx leaky-lab stories --only ${only} --seeds ${run.seeds}${run.horizon === null ? '' : ` --horizon ${run.horizon}`}`;
  return `\`${command}\`, finished ${run.date.slice(0, 16).replace('T', ' ')} UTC:\n\n${table}`;
});
// Earlier sections stay unless every story they cover was measured again now.
const fresh = new Set(runs.flatMap(({ run }) => run.outcomes.map((o) => o.id)));
const kept = doc
  .slice(a + open.length, b)
  .split(/\n(?=`npx leaky-lab stories )/)
  .map((t) => t.trim())
  .filter((t) => {
    const only = /^`npx leaky-lab stories --only ([\w,-]+)/.exec(t);
    return only !== null && !only[1].split(',').every((id) => fresh.has(id));
  });
writeFileSync(docPath, `${doc.slice(0, a + open.length)}\n${[...kept, ...sections].join('\n\n')}\n${doc.slice(b)}`);
process.stdout.write(`wrote ${docPath}\n`);

import type { SeedVerdict, Story } from '../core/engine/story-run';

/** One claim's tally over the seeds. */
export interface ClaimTally {
  readonly text: string;
  /** Seeds for which it held, and for which it was reached (within the horizon). */
  readonly held: number;
  readonly reached: number;
  /** The lowest seed for which it failed, the step and the value there. */
  readonly firstFail: { readonly seed: number; readonly step: number; readonly value: number } | null;
}

/** One story's outcome over the seeds. */
export interface StoryOutcome {
  readonly id: string;
  readonly title: string;
  /** Steps each seed ran to (at most). */
  readonly horizon: number;
  readonly seeds: number;
  /** Seeds for which every claim reached held. */
  readonly seedsHeld: number;
  readonly claims: readonly ClaimTally[];
}

/** Tallies per-seed verdicts (verdicts[s] for seed s + 1) into a story's outcome. */
export function tallyStory(story: Story, horizon: number, verdicts: readonly (readonly SeedVerdict[])[]): StoryOutcome {
  const claims = story.claims.map((c, i) => {
    let held = 0;
    let reached = 0;
    let firstFail: ClaimTally['firstFail'] = null;
    verdicts.forEach((v, s) => {
      const r = v[i]!;
      if (!r.reached) return;
      reached++;
      if (r.held) held++;
      else if (firstFail === null) firstFail = { seed: s + 1, step: r.failStep ?? 0, value: r.value };
    });
    return { text: c.text, held, reached, firstFail };
  });
  const seedsHeld = verdicts.filter((v) => v.every((r) => r.held)).length;
  return { id: story.id, title: story.title, horizon, seeds: verdicts.length, seedsHeld, claims };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const fmtValue = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));

/** The outcome as a Markdown table: one row per claim, the story's total first. */
export function storiesTable(outcomes: readonly StoryOutcome[], bar: number): string {
  const rows = ['| story | claim | held for | first failure (seed, step, value) |', '|---|---|---|---|'];
  for (const o of outcomes) {
    const ok = o.seedsHeld >= Math.ceil(bar * o.seeds) ? 'yes' : 'NO';
    rows.push(`| **${o.title}** (${o.id}, to step ${fmt(o.horizon)}) | every claim | **${o.seedsHeld} of ${o.seeds}** seeds (meets the bar: ${ok}) | |`);
    for (const c of o.claims) {
      const held = c.reached === 0 ? `not reached (beyond step ${fmt(o.horizon)})` : `${c.held} of ${c.reached}`;
      const fail = c.firstFail === null ? '' : `seed ${c.firstFail.seed}, step ${fmt(c.firstFail.step)}, value ${fmtValue(c.firstFail.value)}`;
      rows.push(`| | ${c.text} | ${held} | ${fail} |`);
    }
  }
  return rows.join('\n');
}

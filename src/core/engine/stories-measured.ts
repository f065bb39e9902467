/** One story's last full verification by `npx leaky-lab stories` (the table in docs/stories.md). */
export interface StoryRecord {
  /** Seeds run (1..seeds). */
  readonly seeds: number;
  /** Seeds for which every claim held. */
  readonly held: number;
  /** Steps each seed ran to. */
  readonly horizon: number;
  /** Day of the run, YYYY-MM-DD. */
  readonly date: string;
}

/**
 * Written by `node scripts/record-stories.mjs` from the stories command's JSON output; edit by re-running
 * it, not by hand, so the app shows what was measured.
 */
export const STORY_RECORDS: Readonly<Record<string, StoryRecord>> = {
  'default': { seeds: 20, held: 19, horizon: 1000000, date: '2026-12-02' },
  'small-batch': { seeds: 20, held: 20, horizon: 100000, date: '2026-12-02' },
  'revival': { seeds: 20, held: 19, horizon: 1000000, date: '2026-12-02' },
  'high-lr': { seeds: 20, held: 19, horizon: 100000, date: '2026-12-02' },
  'bad-init': { seeds: 20, held: 20, horizon: 100000, date: '2026-12-02' },
  'deep-narrow': { seeds: 20, held: 20, horizon: 100000, date: '2026-12-02' },
  'prelu': { seeds: 20, held: 20, horizon: 100000, date: '2026-12-02' },
  'real-digits': { seeds: 20, held: 19, horizon: 100000, date: '2026-12-02' },
  'alpha': { seeds: 20, held: 20, horizon: 100000, date: '2026-12-04' },
  'article': { seeds: 10, held: 10, horizon: 100000, date: '2026-12-04' },
  'cures': { seeds: 20, held: 20, horizon: 100000, date: '2026-12-04' },
};

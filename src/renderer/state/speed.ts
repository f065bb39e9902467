import { scenarios } from '../../core/engine/scenarios';

/** Steps per second the app starts at: the default session's own speed (500/s), so its story stays watchable. */
export const START_SPEED: number | null = scenarios().find((s) => s.id === 'default')?.speed ?? null;

/** One choice of the speed control: a label and the steps per second it asks for (null: no limit). */
export interface SpeedOption {
  readonly label: string;
  readonly value: number | null;
}

/**
 * The speeds the top bar offers, fastest first: 500/s is the default session's (watchable) speed, 200 and
 * 20 those of the other scenarios; 5/s is slow enough to watch single neurons change.
 */
export const SPEED_OPTIONS: readonly SpeedOption[] = [
  { label: 'Max', value: null },
  { label: '1000/s', value: 1000 },
  { label: '500/s', value: 500 },
  { label: '200/s', value: 200 },
  { label: '100/s', value: 100 },
  { label: '20/s', value: 20 },
  { label: '5/s (slow motion)', value: 5 },
  { label: '1/s', value: 1 },
];

/** The select's value for a speed limit ("max" or the number as text). */
export function speedKey(limit: number | null): string {
  return limit === null ? 'max' : String(limit);
}

/** The speed limit a select value stands for (inverse of speedKey). */
export function speedFromKey(key: string): number | null {
  if (key === 'max') return null;
  const v = Number(key);
  return Number.isFinite(v) && v > 0 ? v : null;
}

/**
 * How a lane's score is named and shown: accuracy for classification, R² for regression (the engine
 * puts R² in the same trainScore/testScore fields; docs/ARCHITECTURE.md, "Regression is a task").
 */
import { getContext, setContext } from 'svelte';
import type { Task } from '../../core/data/dataset';
import { formatAccuracy, formatCompact } from './format';

/** Short name of the score on the training or the test rows ("Train acc", "Test R²"). */
export function scoreLabel(task: Task, part: 'train' | 'test'): string {
  return `${part === 'train' ? 'Train' : 'Test'} ${task === 'regression' ? 'R²' : 'acc'}`;
}

/** A score as shown: accuracy as a percentage, R² with 3 decimals (it can be negative), a dash when unknown. */
export function formatScore(value: number, task: Task): string {
  if (task === 'classification') return formatAccuracy(value);
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) < 1000 ? value.toFixed(3) : formatCompact(value);
}

const TASK_KEY = Symbol('leaky-lab:data-task');

/** Makes the session's task (read through `get`, so it stays reactive) available to the components below. */
export function provideDataTask(get: () => Task): void {
  setContext(TASK_KEY, get);
}

/** The session's task as provided by an ancestor (classification when none was). Call during component init. */
export function useDataTask(): () => Task {
  return getContext<(() => Task) | undefined>(TASK_KEY) ?? (() => 'classification');
}

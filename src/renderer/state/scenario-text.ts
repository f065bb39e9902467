import type { Scenario } from '../../core/engine/scenarios';
import { formatInt } from './format';

/** What to watch in a scenario, ending with the last measurement of its claims when there is one. */
export function scenarioWatch(sc: Pick<Scenario, 'watch' | 'measured'>): string {
  const m = sc.measured;
  return m === null ? sc.watch : `${sc.watch} Holds in ${formatInt(m.held)} of ${formatInt(m.seeds)} seeds to step ${formatInt(m.horizon)}.`;
}

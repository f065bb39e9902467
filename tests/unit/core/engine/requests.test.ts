import { describe, expect, it } from 'vitest';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';
import { engine } from './engine-harness';

describe('requests are answered by id', () => {
  it('echoes a command id in the ready that answers it, and in its error', () => {
    const e = engine();
    e.send({ type: 'init', id: 'init-1', spec: defaultSessionSpec() });
    expect(e.ready().request).toBe('init-1');
    e.send({ type: 'step', count: 5 });
    e.send({ type: 'rewind', id: 'rewind-2', step: 3 });
    expect(e.errors().at(-1)).toMatchObject({ field: 'step', request: 'rewind-2' });
    e.send({ type: 'rewind', id: 'rewind-3', step: 0 });
    expect(e.ready().request).toBe('rewind-3');
  });

  it('names the request even when the command itself is invalid, and nothing when there is none', () => {
    const e = engine();
    e.send({ type: 'init', id: 'init-9', spec: { ...defaultSessionSpec(), hidden: [] } });
    expect(e.errors().at(-1)).toMatchObject({ request: 'init-9' });
    expect(e.errors().at(-1)!.field).toContain('hidden');
    e.send({ type: 'remove-lane', lane: 3 });
    expect(e.errors().at(-1)!.request).toBeUndefined();
  });
});

// The global shortcuts' rules (src/renderer/state/keyboard.ts): what each key does for each focused element.
import { describe, expect, it } from 'vitest';
import { shortcutFor, takesTyping, type KeyTarget } from '../../../src/renderer/state/keyboard';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; prevented?: boolean } = {}) => ({
  key: k,
  code: k === ' ' ? 'Space' : k.length === 1 ? `Key${k.toUpperCase()}` : k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  defaultPrevented: mods.prevented ?? false,
});
const el = (tagName: string, type?: string, isContentEditable = false): KeyTarget => ({ tagName, ...(type === undefined ? {} : { type }), isContentEditable });

describe('shortcutFor', () => {
  it('acts on the app with focus on the page, a lane, a button, a disclosure, a checkbox or a slider', () => {
    for (const target of [null, el('BODY'), el('SECTION'), el('BUTTON'), el('SUMMARY'), el('INPUT', 'checkbox'), el('INPUT', 'radio'), el('INPUT', 'range'), el('INPUT', 'button')]) {
      expect(shortcutFor(key(' '), target)).toEqual({ kind: 'toggle' });
      expect(shortcutFor(key('r'), target)).toEqual({ kind: 'reset' });
      expect(shortcutFor(key('R'), target)).toEqual({ kind: 'reset' });
      expect(shortcutFor(key('3'), target)).toEqual({ kind: 'lane', lane: 2 });
    }
    expect(shortcutFor(key('ArrowRight'), el('BUTTON'))).toEqual({ kind: 'step' });
    expect(shortcutFor(key('1'), null)).toEqual({ kind: 'lane', lane: 0 });
    expect(shortcutFor(key('9'), null)).toEqual({ kind: 'lane', lane: 8 });
  });

  it('leaves every key to text fields, number fields, textareas, selects and contenteditable', () => {
    for (const target of [el('INPUT', 'text'), el('INPUT', 'number'), el('INPUT', 'search'), el('INPUT', 'email'), el('TEXTAREA'), el('SELECT'), el('DIV', undefined, true), el('P', undefined, true)]) {
      expect(takesTyping(target)).toBe(true);
      for (const k of [' ', 'ArrowRight', 'r', '2']) expect(shortcutFor(key(k), target)).toBeNull();
    }
    // An input without a type attribute is a text field.
    expect(takesTyping(el('INPUT'))).toBe(true);
  });

  it('leaves the right arrow to a range slider, which moves with it', () => {
    expect(shortcutFor(key('ArrowRight'), el('INPUT', 'range'))).toBeNull();
    expect(shortcutFor(key(' '), el('INPUT', 'range'))).toEqual({ kind: 'toggle' });
  });

  it('ignores keys with Ctrl, Cmd or Alt, keys already handled, Enter and other keys', () => {
    expect(shortcutFor(key(' ', { ctrl: true }), null)).toBeNull();
    expect(shortcutFor(key('r', { meta: true }), null)).toBeNull();
    expect(shortcutFor(key('1', { alt: true }), null)).toBeNull();
    expect(shortcutFor(key(' ', { prevented: true }), el('BUTTON'))).toBeNull();
    expect(shortcutFor(key('Enter'), el('BUTTON'))).toBeNull();
    for (const k of ['0', 'a', 'ArrowLeft', 'Tab', 'Escape']) expect(shortcutFor(key(k), null)).toBeNull();
  });

  it('knows space by its code too (a layout whose space key reports another key value)', () => {
    expect(shortcutFor({ ...key('x'), code: 'Space' }, el('BUTTON'))).toEqual({ kind: 'toggle' });
  });
});

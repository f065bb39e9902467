import type { MenuCommand } from '../../core/protocol/bridge';

/** What the global shortcuts do. */
export interface ShortcutActions {
  toggle(): void;
  step(): void;
  reset(): void;
  /** Selects lane `lane` (0-based); false when there is no such lane (the key is then left alone). */
  selectLane(lane: number): boolean;
}

/** What a key press does to the app: one of the shortcuts, or nothing (the key is left to the page). */
export type Shortcut = { readonly kind: 'toggle' | 'step' | 'reset' } | { readonly kind: 'lane'; readonly lane: number } | null;

/** The focused element as far as the shortcut rules care: its tag, an input's type, and whether it is editable. */
export interface KeyTarget {
  readonly tagName: string;
  /** An INPUT's type attribute, lower case ("text" when absent). */
  readonly type?: string;
  readonly isContentEditable: boolean;
}

/** Inputs that take no typing: their keys stay shortcuts (a range keeps its own arrow keys). */
const UNTYPED_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** True when the element takes typed text (text fields, textareas, selects, contenteditable): every key is its own there. */
export function takesTyping(t: KeyTarget): boolean {
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  return t.tagName === 'INPUT' && !UNTYPED_INPUTS.has(t.type ?? 'text');
}

/**
 * The desktop-tool rules: space plays/pauses, right arrow steps once, R resets, 1 to 9 select a lane,
 * wherever focus is (a focused button included: it still gets Enter, and space no longer presses it),
 * except while typing (takesTyping), with Ctrl/Cmd/Alt held, when the event was already handled, and for
 * the right arrow on a range slider, which moves the slider.
 */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented'>, target: KeyTarget | null): Shortcut {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return null;
  if (target !== null && takesTyping(target)) return null;
  if (e.key === ' ' || e.code === 'Space') return { kind: 'toggle' };
  if (e.key === 'ArrowRight') return target?.tagName === 'INPUT' && target.type === 'range' ? null : { kind: 'step' };
  if (e.key === 'r' || e.key === 'R') return { kind: 'reset' };
  if (e.key.length === 1 && e.key >= '1' && e.key <= '9') return { kind: 'lane', lane: Number(e.key) - 1 };
  return null;
}

/**
 * Runs the global shortcut for a window keydown (shortcutFor's rules), preventing the key's default so a
 * focused button is not pressed by space and the page does not scroll. A number key without its lane is
 * left alone.
 */
export function handleShortcut(e: KeyboardEvent, actions: ShortcutActions): void {
  const el = e.target instanceof HTMLElement ? e.target : null;
  const target = el === null ? null : { tagName: el.tagName, type: el instanceof HTMLInputElement ? el.type.toLowerCase() : undefined, isContentEditable: el.isContentEditable };
  const s = shortcutFor(e, target);
  if (s === null) return;
  if (s.kind === 'lane') {
    if (actions.selectLane(s.lane)) e.preventDefault();
    return;
  }
  e.preventDefault();
  if (s.kind === 'toggle') actions.toggle();
  else if (s.kind === 'step') actions.step();
  else actions.reset();
}

/**
 * The web build's stand-ins for the desktop menu's file shortcuts (src/main/menu-template.ts): Ctrl+Shift+O
 * (Cmd on macOS) opens a dataset, Ctrl+S and Ctrl+Shift+S save the experiment. Open Experiment (Ctrl+O)
 * is left to the browser: the page opens experiments with its own file button. Null for any other key.
 */
export function menuShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'defaultPrevented'>): MenuCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return null;
  const key = e.key.toLowerCase();
  if (key === 'o' && e.shiftKey) return 'open-dataset';
  if (key === 's') return e.shiftKey ? 'save-experiment-as' : 'save-experiment';
  return null;
}

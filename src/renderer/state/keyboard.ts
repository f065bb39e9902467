import type { MenuCommand } from '../../core/protocol/bridge';

/** What the global shortcuts do. */
export interface ShortcutActions {
  toggle(): void;
  step(): void;
  reset(): void;
  /** Selects lane `lane` (0-based); false when there is no such lane (the key is then left alone). */
  selectLane(lane: number): boolean;
}

const FORM_FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Elements whose own activation uses space (a button press, a disclosure's toggle). */
const SPACE_ACTIVATED = new Set(['BUTTON', 'SUMMARY']);

/**
 * Global shortcuts: space plays/pauses, right arrow steps once, R resets, 1 to 9 select a lane. Ignored
 * while typing in a form field, with modifier keys, and (for space) on buttons and disclosures, whose own
 * activation uses space.
 */
export function handleShortcut(e: KeyboardEvent, actions: ShortcutActions): void {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target instanceof HTMLElement ? e.target : null;
  if (target !== null && (FORM_FIELDS.has(target.tagName) || target.isContentEditable)) return;
  if (e.key === ' ' || e.code === 'Space') {
    if (target !== null && SPACE_ACTIVATED.has(target.tagName)) return;
    e.preventDefault();
    actions.toggle();
  } else if (e.key === 'ArrowRight') {
    e.preventDefault();
    actions.step();
  } else if (e.key === 'r' || e.key === 'R') {
    e.preventDefault();
    actions.reset();
  } else if (e.key.length === 1 && e.key >= '1' && e.key <= '9') {
    if (actions.selectLane(Number(e.key) - 1)) e.preventDefault();
  }
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

/** What the global shortcuts do. */
export interface ShortcutActions {
  toggle(): void;
  step(): void;
  reset(): void;
}

const FORM_FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * Global shortcuts: space plays/pauses, right arrow steps once, R resets. Ignored while typing in a form
 * field, with modifier keys, and (for space) on buttons, whose own activation uses space.
 */
export function handleShortcut(e: KeyboardEvent, actions: ShortcutActions): void {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target instanceof HTMLElement ? e.target : null;
  if (target !== null && (FORM_FIELDS.has(target.tagName) || target.isContentEditable)) return;
  if (e.key === ' ' || e.code === 'Space') {
    if (target?.tagName === 'BUTTON') return;
    e.preventDefault();
    actions.toggle();
  } else if (e.key === 'ArrowRight') {
    e.preventDefault();
    actions.step();
  } else if (e.key === 'r' || e.key === 'R') {
    e.preventDefault();
    actions.reset();
  }
}

// The web build's stand-ins for the desktop menu's file shortcuts: the same keys as the menu's
// accelerators (src/main/menu-template.ts), mapped to the same menu commands.
import { describe, expect, it } from 'vitest';
import { ACCELERATORS } from '../../../src/main/menu-template';
import { menuShortcut } from '../../../src/renderer/state/keyboard';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
  defaultPrevented: false,
});

describe('menuShortcut', () => {
  it('maps the menu accelerators for Open Dataset and Save, with Ctrl or Cmd', () => {
    expect(ACCELERATORS.openDataset).toBe('Shift+CmdOrCtrl+O');
    expect(ACCELERATORS.save).toBe('CmdOrCtrl+S');
    expect(ACCELERATORS.saveAs).toBe('Shift+CmdOrCtrl+S');
    for (const mod of [{ ctrl: true }, { meta: true }]) {
      expect(menuShortcut(key('O', { ...mod, shift: true }))).toBe('open-dataset');
      expect(menuShortcut(key('s', mod))).toBe('save-experiment');
      expect(menuShortcut(key('S', { ...mod, shift: true }))).toBe('save-experiment-as');
    }
  });

  it('leaves every other key to the page or the browser', () => {
    expect(menuShortcut(key('o', { ctrl: true }))).toBeNull(); // Open Experiment: the page's own button
    expect(menuShortcut(key('O', { shift: true }))).toBeNull();
    expect(menuShortcut(key('O', { ctrl: true, shift: true, alt: true }))).toBeNull();
    expect(menuShortcut(key('r', { ctrl: true }))).toBeNull();
    expect(menuShortcut({ ...key('s', { ctrl: true }), defaultPrevented: true })).toBeNull();
  });
});

/** The application menu's template on each platform: structure, conventions, shortcuts and what items do. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CITATIONS } from '../../../src/core/data/bundled/citations';
import { aboutDialog, DATASET_CITATIONS, SCIKIT_LEARN_CITATION } from '../../../src/main/about';
import { MENU_COMMANDS, type MenuCommand } from '../../../src/main/menu-commands';
import { ACCELERATORS, buildMenuTemplate, type MenuOptions } from '../../../src/main/menu-template';

/** Builds a template whose actions are recorded. */
function build(options: Partial<MenuOptions> & Pick<MenuOptions, 'platform'>) {
  const sent: MenuCommand[] = [];
  let abouts = 0;
  const template = buildMenuTemplate({ appName: 'Leaky Lab', isPackaged: true, ...options }, { command: (c) => sent.push(c), about: () => abouts++ });
  return { template, sent, abouts: () => abouts };
}

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] => item?.submenu as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => {
  const hit = items.find((i) => i.label === label);
  if (hit === undefined) throw new Error(`no item ${label} in ${items.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
  return hit;
};
const click = (item: MenuItemConstructorOptions): void => (item.click as () => void)();
const labels = (items: MenuItemConstructorOptions[]): (string | undefined)[] => items.map((i) => i.label ?? i.role ?? i.type);

describe('menu template', () => {
  it('on macOS: app menu first (About, Hide, Quit), File ends with Close, a Window menu, no mnemonics', () => {
    const { template } = build({ platform: 'darwin' });
    expect(labels(template)).toEqual(['Leaky Lab', 'File', 'Edit', 'View', 'Run', 'windowMenu', 'Help']);
    expect(labels(submenu(template[0]))).toEqual(['About Leaky Lab', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    const file = submenu(template[1]);
    expect(file.at(-1)).toEqual({ role: 'close' });
    expect(file.some((i) => i.role === 'recentDocuments')).toBe(true);
    expect(file.some((i) => i.role === 'quit')).toBe(false);
  });

  it.each(['linux', 'win32'] as const)('on %s: File ... Help with Alt mnemonics, Quit ends File, About in Help', (platform) => {
    const { template } = build({ platform });
    expect(labels(template)).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
    const file = submenu(template[0]);
    expect(file.at(-1)).toEqual({ role: 'quit' });
    expect(file.some((i) => i.role === 'recentDocuments' || i.role === 'close')).toBe(false);
    expect(labels(submenu(template[4]))).toEqual(['About Leaky Lab']);
    expect(template.some((i) => i.role === 'windowMenu')).toBe(false);
  });

  it.each(['darwin', 'linux', 'win32'] as const)('on %s: the file and run items carry the UI shortcuts and send their command', (platform) => {
    const { template, sent } = build({ platform });
    const mac = platform === 'darwin';
    const file = submenu(template[mac ? 1 : 0]);
    const run = submenu(template[mac ? 4 : 3]);
    const expected: [MenuItemConstructorOptions[], string, string | undefined, MenuCommand, boolean][] = [
      [file, 'Open Experiment…', 'CmdOrCtrl+O', 'open-experiment', true],
      [file, 'Open Dataset…', 'Shift+CmdOrCtrl+O', 'open-dataset', true],
      [file, 'Save Experiment', 'CmdOrCtrl+S', 'save-experiment', true],
      [file, 'Save Experiment As…', 'Shift+CmdOrCtrl+S', 'save-experiment-as', true],
      [file, 'Export as PyTorch Script…', undefined, 'export-torch', true],
      [run, 'Play / Pause', 'Space', 'play-pause', false],
      [run, 'Step', 'Right', 'step', false],
      [run, 'Reset', 'R', 'reset', false],
    ];
    for (const [menu, label, accelerator, command, registered] of expected) {
      const item = find(menu, label);
      expect(item.accelerator, label).toBe(accelerator);
      // Single keys are shown, not registered: the page handles them, so typing in a field still works.
      expect(item.registerAccelerator ?? true, label).toBe(registered);
      click(item);
      expect(sent.at(-1)).toBe(command);
    }
    // Open Run Log and Start from PyTorch Weights have no shortcut of their own.
    const runLog = find(file, 'Open Run Log…');
    expect(runLog.accelerator).toBeUndefined();
    click(runLog);
    expect(sent.at(-1)).toBe('open-run-log');
    const weights = find(file, 'Start from PyTorch Weights…');
    expect(weights.accelerator).toBeUndefined();
    click(weights);
    expect(sent.at(-1)).toBe('open-weights');
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(Object.values(ACCELERATORS)).toHaveLength(7);
  });

  it('has the standard Edit roles (so copy and paste work in fields) and view zoom and full screen', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { template } = build({ platform });
      const edit = submenu(template.find((i) => i.label?.endsWith('Edit')));
      expect(edit.map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
      const view = submenu(template.find((i) => i.label?.endsWith('View')));
      expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    }
  });

  it('adds reload and DevTools only to unpackaged (developer) builds', () => {
    const dev = build({ platform: 'linux', isPackaged: false }).template;
    expect(submenu(dev[2]).map((i) => i.role).filter(Boolean).slice(0, 2)).toEqual(['reload', 'toggleDevTools']);
    const shipped = JSON.stringify(build({ platform: 'linux' }).template);
    expect(shipped).not.toMatch(/reload|toggleDevTools/);
  });

  it('opens the About dialog from the app menu on macOS and from Help elsewhere', () => {
    const mac = build({ platform: 'darwin' });
    click(find(submenu(mac.template[0]), 'About Leaky Lab'));
    click(find(submenu(mac.template[6]), 'Datasets and Citations'));
    expect(mac.abouts()).toBe(2);
    const linux = build({ platform: 'linux' });
    click(find(submenu(linux.template[4]), 'About Leaky Lab'));
    expect(linux.abouts()).toBe(1);
  });
});

describe('About dialog', () => {
  const dialog = aboutDialog({
    appName: 'Leaky Lab',
    appVersion: '0.1.0',
    versions: { electron: '45.5.0', chrome: '142.0.1', node: '22.20.0', v8: '14.2' },
    platform: 'linux',
    arch: 'x64',
  });

  it('shows the app and runtime versions', () => {
    expect(dialog.title).toBe('About Leaky Lab');
    expect(dialog.message).toBe('Leaky Lab 0.1.0');
    expect(dialog.detail).toContain('Electron 45.5.0, Chromium 142.0.1, Node.js 22.20.0, V8 14.2');
    expect(dialog.detail).toContain('linux x64');
  });

  it('cites where every built-in dataset comes from, scikit-learn\'s make_moons for two moons', () => {
    expect(dialog.detail).toContain("Two moons: after scikit-learn's sklearn.datasets.make_moons");
    expect(dialog.detail).toContain(SCIKIT_LEARN_CITATION);
    expect(SCIKIT_LEARN_CITATION).toMatch(/Pedregosa.*Journal of Machine Learning Research 12.*2011/);
    for (const c of DATASET_CITATIONS) expect(dialog.detail).toContain(`• ${c.dataset}: ${c.source}`);
    expect(DATASET_CITATIONS.map((c) => c.dataset)).toEqual(['Two moons', 'Circles', 'Gaussian blobs', 'Spiral', 'XOR', 'Checkerboard', 'Sine, |x| and x sin 5x']);
  });

  it('cites every bundled real dataset as UCI asks, with its source and the CC BY 4.0 licence', () => {
    expect(BUNDLED_CITATIONS.map((c) => c.title)).toEqual(['Iris', 'Wine', 'Breast cancer (Wisconsin diagnostic)', 'Digits (8x8)']);
    for (const c of BUNDLED_CITATIONS) expect(dialog.detail).toContain(`• ${c.title}: ${c.citation}. Source: ${c.source}`);
    expect(dialog.detail).toContain('Iris: Fisher, R. A. (1936). Iris [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C56C76.');
    expect(dialog.detail).toMatch(/\nLicence: CC BY 4\.0 \(UCI Machine Learning Repository\)[^\n]*BSD-3-Clause\)\.\n/);
    expect(dialog.detail).not.toContain('no data files are shipped');
  });

  it('says "unknown" for a version the runtime does not report', () => {
    expect(aboutDialog({ appName: 'Leaky Lab', appVersion: '1', versions: {}, platform: 'darwin', arch: 'arm64' }).detail).toContain('Electron unknown');
  });
});

/**
 * The application menu as plain template objects (Electron's Menu.buildFromTemplate input), following
 * each platform's conventions: on macOS an app menu first (About, Hide, Quit) and a Window menu, Close
 * in File; on Windows and Linux Quit ends File and About sits in Help. File and Run items send commands
 * to the renderer, which runs the same code as its own buttons. Pure: tested on every platform's shape.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './menu-commands';

/** What menu items do; the entry file wires these to the window and the About dialog. */
export interface MenuActions {
  command(command: MenuCommand): void;
  about(): void;
}

/** What the template depends on. */
export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Developer items (reload, DevTools) only in unpackaged builds. */
  readonly isPackaged: boolean;
}

/** The keyboard shortcuts the UI documents; menus show the same ones. */
export const ACCELERATORS = {
  openExperiment: 'CmdOrCtrl+O',
  openDataset: 'Shift+CmdOrCtrl+O',
  save: 'CmdOrCtrl+S',
  saveAs: 'Shift+CmdOrCtrl+S',
  playPause: 'Space',
  step: 'Right',
  reset: 'R',
} as const;

/** Builds the menu template for a platform. */
export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.command(command);
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: () => actions.about() };
  // Access-key mnemonics ("&File": Alt+F) are a Windows and Linux convention; macOS menus have none.
  const top = (label: string): string => (mac ? label : `&${label}`);

  const file: MenuItemConstructorOptions = {
    label: top('File'),
    submenu: [
      { label: 'Open Experiment…', accelerator: ACCELERATORS.openExperiment, click: send('open-experiment') },
      { label: 'Open Dataset…', accelerator: ACCELERATORS.openDataset, click: send('open-dataset') },
      { label: 'Open Run Log…', click: send('open-run-log') },
      { label: 'Start from PyTorch Weights…', click: send('open-weights') },
      ...(mac ? [{ role: 'recentDocuments' as const, submenu: [{ role: 'clearRecentDocuments' as const }] }] : []),
      { type: 'separator' },
      { label: 'Save Experiment', accelerator: ACCELERATORS.save, click: send('save-experiment') },
      { label: 'Save Experiment As…', accelerator: ACCELERATORS.saveAs, click: send('save-experiment-as') },
      { label: 'Export as PyTorch Script…', click: send('export-torch') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: top('Edit'),
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: top('View'),
    submenu: [
      // A reload starts a fresh engine (the autosave keeps the session), so it is a developer item only.
      ...(options.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  // Single keys are shown but not registered: the page handles them itself, so typing a space or an
  // "r" into a field still works (a registered menu accelerator would swallow the key everywhere).
  const run: MenuItemConstructorOptions = {
    label: top('Run'),
    submenu: [
      { label: 'Play / Pause', accelerator: ACCELERATORS.playPause, registerAccelerator: false, click: send('play-pause') },
      { label: 'Step', accelerator: ACCELERATORS.step, registerAccelerator: false, click: send('step') },
      { type: 'separator' },
      { label: 'Reset', accelerator: ACCELERATORS.reset, registerAccelerator: false, click: send('reset') },
    ],
  };
  // macOS keeps About in the app menu; its Help menu points at the same dialog for the dataset sources.
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: top('Help'),
    submenu: [mac ? { label: 'Datasets and Citations', click: () => actions.about() } : about],
  };

  if (!mac) return [file, edit, view, run, help];
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  return [appMenu, file, edit, view, run, windowMenu, help];
}

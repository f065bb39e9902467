/**
 * Adapts Electron's dialog module to the file flows' FileDialogs: open and save dialogs attached to the
 * main window when there is one. Electron's objects are passed in (only types are imported here), so
 * the module loads without the Electron binary.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDialogs } from './file-actions';

/** FileDialogs backed by Electron's native dialogs, parented to `window()` when it returns one. */
export function nativeFileDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | null): FileDialogs {
  return {
    chooseFile: async (o) => {
      const options: OpenDialogOptions = { title: o.title, defaultPath: o.defaultPath, filters: o.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })), properties: ['openFile'] };
      const parent = window();
      const r = parent === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    chooseSavePath: async (o) => {
      const options: SaveDialogOptions = { title: o.title, defaultPath: o.defaultPath, filters: o.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const parent = window();
      const r = parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
      return r.canceled || r.filePath === '' ? null : r.filePath;
    },
  };
}

/**
 * Names of the IPC channels and window messages between main and preload. The preload cannot import
 * from main (it is bundled alone, and lint forbids it), so it repeats these strings;
 * tests/integration/main/ipc-guard.test.ts checks that the two copies agree.
 */

/** Renderer -> main: "give me a MessagePort to the engine". */
export const REQUEST_ENGINE_PORT = 'leaky-lab:request-engine-port';
/** Main -> preload: carries the engine MessagePort in `event.ports`. */
export const ENGINE_PORT = 'engine-port';
/** Preload -> page: window message type that carries the engine MessagePort in `event.ports`. */
export const ENGINE_PORT_WINDOW_MESSAGE = 'leaky-lab:engine-port';

/** Renderer -> main (invoke): choose and read an experiment file; answers { name, text } | { canceled } | { error }. */
export const OPEN_EXPERIMENT = 'leaky-lab:open-experiment';
/** Renderer -> main (invoke): save experiment text to the current file, or ask where (first time). */
export const SAVE_EXPERIMENT = 'leaky-lab:save-experiment';
/** Renderer -> main (invoke): ask where, then save experiment text there. */
export const SAVE_EXPERIMENT_AS = 'leaky-lab:save-experiment-as';
/** Renderer -> main (invoke): choose and read a dataset file; answers { name, bytes } | { canceled } | { error }. */
export const OPEN_DATASET = 'leaky-lab:open-dataset';
/** Renderer -> main (invoke): the recent files (names and opaque ids), pruning those that are gone. */
export const RECENT_FILES = 'leaky-lab:recent-files';
/** Renderer -> main (invoke): open a recent file by its id. */
export const OPEN_RECENT = 'leaky-lab:open-recent';
/** Main -> renderer: a menu item was chosen (one of MENU_COMMANDS). */
export const MENU_COMMAND = 'leaky-lab:menu-command';
/** Main -> renderer: an experiment file was opened with the app (command line, second instance, Finder): { name, text }. */
export const EXPERIMENT_OPENED = 'leaky-lab:experiment-opened';

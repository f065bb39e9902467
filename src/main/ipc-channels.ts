/**
 * The IPC channel names main uses, under main's names. Each value is the shared contract's
 * (src/core/protocol/bridge.ts), which the preload and the renderer import too.
 */
import { CHANNELS } from '../core/protocol/bridge';

/** Renderer -> main: "give me a MessagePort to the engine". */
export const REQUEST_ENGINE_PORT = CHANNELS.requestEnginePort;
/** Main -> preload: carries the engine MessagePort in `event.ports`. */
export const ENGINE_PORT = CHANNELS.enginePort;
/** Preload -> page: window message type that carries the engine MessagePort in `event.ports`. */
export const ENGINE_PORT_WINDOW_MESSAGE = CHANNELS.enginePortWindowMessage;
/** Renderer -> main (invoke): choose and read an experiment file. */
export const OPEN_EXPERIMENT = CHANNELS.openExperiment;
/** Renderer -> main (invoke): save experiment text to the current file, or ask where (first time). */
export const SAVE_EXPERIMENT = CHANNELS.saveExperiment;
/** Renderer -> main (invoke): ask where, then save experiment text there. */
export const SAVE_EXPERIMENT_AS = CHANNELS.saveExperimentAs;
/** Renderer -> main (invoke): choose and read a dataset file. */
export const OPEN_DATASET = CHANNELS.openDataset;
/** Renderer -> main (invoke): choose and read a run log. */
export const OPEN_RUN_LOG = CHANNELS.openRunLog;
/** Renderer -> main (invoke): the recent files (names and opaque ids), pruning those that are gone. */
export const RECENT_FILES = CHANNELS.recentFiles;
/** Renderer -> main (invoke): open a recent file by its id. */
export const OPEN_RECENT = CHANNELS.openRecent;
/** Main -> renderer: a menu item was chosen (one of MENU_COMMANDS). */
export const MENU_COMMAND = CHANNELS.menuCommand;
/** Main -> renderer: an experiment file was opened with the app: { name, text }. */
export const EXPERIMENT_OPENED = CHANNELS.experimentOpened;

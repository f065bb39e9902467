/**
 * The commands menu items send to the renderer (over MENU_COMMAND). The preload repeats this list (it
 * cannot import main) and drops anything else; tests check the two copies agree.
 */
import * as v from 'valibot';

/** Every menu command, in menu order. */
export const MENU_COMMANDS = ['open-experiment', 'open-dataset', 'save-experiment', 'save-experiment-as', 'play-pause', 'step', 'reset'] as const;

/** One menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Schema of a menu command (main checks what it sends, the preload what it receives). */
export const MenuCommandSchema = v.picklist(MENU_COMMANDS);

/** The commands menu items send to the renderer (over MENU_COMMAND): the shared contract's list, and its schema. */
import * as v from 'valibot';
import { MENU_COMMANDS } from '../core/protocol/bridge';

export { MENU_COMMANDS, type MenuCommand } from '../core/protocol/bridge';

/** Schema of a menu command (main checks what it sends). */
export const MenuCommandSchema = v.picklist(MENU_COMMANDS);

/**
 * The preload's surface, read from its source (it needs Electron to run): exactly the named functions
 * docs/security.md lists, each sending one fixed channel, and no raw ipcRenderer or generic send.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as channels from '../../../src/main/ipc-channels';
import { MENU_COMMANDS } from '../../../src/main/menu-commands';

const source = readFileSync(resolve(import.meta.dirname, '../../../src/preload/index.ts'), 'utf8');
const file = ts.createSourceFile('index.ts', source, ts.ScriptTarget.Latest, true);

/** The object literal given to Object.freeze for `const api`. */
function apiObject(): ts.ObjectLiteralExpression {
  let found: ts.ObjectLiteralExpression | null = null;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'api' && node.initializer !== undefined && ts.isCallExpression(node.initializer)) {
      let arg = node.initializer.arguments[0];
      // `{...} satisfies LeakyLabBridge`: the contract is checked by the compiler; the literal is inside.
      if (arg !== undefined && ts.isSatisfiesExpression(arg)) arg = arg.expression;
      if (arg !== undefined && ts.isObjectLiteralExpression(arg)) found = arg;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (found === null) throw new Error('no `const api = Object.freeze({...})` in the preload');
  return found;
}

describe('preload API', () => {
  const api = apiObject();
  const members = api.properties.map((p) => p.name?.getText());

  it('exposes exactly the documented members, as window.leakyLab', () => {
    expect(members).toEqual(['platform', 'versions', 'requestEnginePort', 'openExperiment', 'saveExperiment', 'saveExperimentAs', 'openDataset', 'openRunLog', 'recentFiles', 'openRecent', 'onMenuCommand', 'onExperimentOpened']);
    expect(source).toMatch(/contextBridge\.exposeInMainWorld\('leakyLab', api\);/);
    const security = readFileSync(resolve(import.meta.dirname, '../../../docs/security.md'), 'utf8');
    for (const m of members) expect(security, `docs/security.md lists ${m}`).toMatch(new RegExp(`\`${m}[\`(]`));
  });

  it('never hands the page ipcRenderer, and every IPC call names a fixed channel constant', () => {
    expect(api.getText()).not.toMatch(/ipcRenderer(?!\.(send|invoke)\()/);
    const calls = [...api.getText().matchAll(/ipcRenderer\.(send|invoke)\(([^,)]+)/g)].map((m) => m[2]);
    expect(calls.sort()).toEqual(['OPEN_DATASET', 'OPEN_EXPERIMENT', 'OPEN_RECENT', 'OPEN_RUN_LOG', 'RECENT_FILES', 'REQUEST_ENGINE_PORT', 'SAVE_EXPERIMENT', 'SAVE_EXPERIMENT_AS']);
    expect(source).not.toMatch(/\.\.\.args|ipcRenderer\.(sendSync|sendTo|postMessage)/);
  });

  it('passes on only the menu commands of the shared contract, and names no channel of its own', () => {
    expect(source).toContain("from '../core/protocol/bridge'");
    expect(source).toContain('if (isMenuCommand(command)) menuCommands.push(command);');
    expect(source).not.toMatch(/'leaky-lab:/);
    expect(MENU_COMMANDS).toContain('open-dataset');
    expect(source).toContain(`ipcRenderer.on(MENU_COMMAND,`);
    expect(source).toContain(`ipcRenderer.on(EXPERIMENT_OPENED,`);
    expect(channels.MENU_COMMAND).toBe('leaky-lab:menu-command');
  });
});

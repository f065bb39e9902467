import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Compiles a file with the options of tsconfig.core.json, exactly as `npm test` typechecks src/core.
function coreDiagnostics(file: string): string[] {
  const configPath = fileURLToPath(new URL('../../tsconfig.core.json', import.meta.url));
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error('tsconfig.core.json did not parse');
  const program = ts.createProgram([file], config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the core tsconfig (lib ES2022, no types)', () => {
  it('rejects DOM and Node globals in core code', () => {
    const messages = coreDiagnostics(fileURLToPath(new URL('../fixtures/lint/core-uses-host-globals.ts', import.meta.url)));
    expect(messages.some((m) => m.includes("Cannot find name 'window'"))).toBe(true);
    expect(messages.some((m) => m.includes("Cannot find name 'process'"))).toBe(true);
    expect(messages.some((m) => m.includes("Cannot find name 'setTimeout'"))).toBe(true);
  });

  it('accepts the real core', () => {
    const messages = coreDiagnostics(fileURLToPath(new URL('../../src/core/engine/runtime.ts', import.meta.url)));
    expect(messages).toEqual([]);
  });
});

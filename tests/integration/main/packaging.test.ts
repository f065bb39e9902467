import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const config = readFileSync(resolve(repo, 'build/electron-builder.yml'), 'utf8');

/** The `key: value` lines indented under a top-level YAML key, as strings. */
function section(name: string): Map<string, string> {
  const lines = config.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, name).toBeGreaterThanOrEqual(0);
  const out = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\w+): (.+)$/.exec(line);
    if (m === null) break;
    out.set(m[1]!, m[2]!);
  }
  return out;
}

describe('electron-builder config', () => {
  it('flips the fuses the security checklist asks for', () => {
    expect(Object.fromEntries(section('electronFuses'))).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      loadBrowserProcessSpecificV8Snapshot: 'false',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('packs the built app into an asar under the right identity', () => {
    expect(config).toMatch(/^appId: dev\.leakylab\.app$/m);
    expect(config).toMatch(/^productName: Leaky Lab$/m);
    expect(config).toMatch(/^asar: true$/m);
    expect(config).toMatch(/^ {2}- out\/\*\*$/m);
    expect(section('directories').get('buildResources')).toBe('build');
  });

  it('ships the PyTorch monitor as a plain file beside the app', () => {
    expect(config).toMatch(/^extraResources:\n {2}- from: python\/leaky_lab_monitor\.py\n {4}to: python\/leaky_lab_monitor\.py$/m);
    expect(existsSync(resolve(repo, 'python/leaky_lab_monitor.py'))).toBe(true);
  });

  it('has the icon it points at', () => {
    expect(existsSync(resolve(repo, 'build/icon.png'))).toBe(true);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  BLOCKED_URL_PATTERNS,
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  SECURITY_HEADERS,
} from '../../../src/main/security-policy';

const mainDir = resolve(import.meta.dirname, '../../../src/main');

/**
 * The webPreferences object literal of every `new BrowserWindow({...})` in a source file, with literal
 * values as values and identifiers as { identifier }; anything else (a spread, a call) fails the test.
 */
function browserWindowPreferences(source: string): Record<string, unknown>[] {
  const file = ts.createSourceFile('index.ts', source, ts.ScriptTarget.Latest, true);
  const found: Record<string, unknown>[] = [];
  const value = (e: ts.Expression): unknown => {
    if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isStringLiteral(e)) return e.text;
    if (ts.isIdentifier(e)) return { identifier: e.text };
    throw new Error(`webPreferences value is not a literal: ${e.getText()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') {
      const options = node.arguments?.[0];
      if (options === undefined || !ts.isObjectLiteralExpression(options)) throw new Error('BrowserWindow options are not an object literal');
      const prefs = options.properties.find((p) => p.name?.getText() === 'webPreferences');
      if (prefs === undefined || !ts.isPropertyAssignment(prefs) || !ts.isObjectLiteralExpression(prefs.initializer)) throw new Error('webPreferences is not an object literal');
      const out: Record<string, unknown> = {};
      for (const p of prefs.initializer.properties) {
        if (!ts.isPropertyAssignment(p)) throw new Error(`webPreferences has a ${ts.SyntaxKind[p.kind]}, not a plain property: ${p.getText()}`);
        out[p.name.getText()] = value(p.initializer);
      }
      found.push(out);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
const read = (file: string): string => readFileSync(join(mainDir, file), 'utf8');

/** The CSP as a map from directive to its source list. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('webPreferences', () => {
  it('isolate, sandbox and keep Node out of the renderer', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('preload');
  });

  it('are what the main window is created with, spelled out literally in index.ts', () => {
    // index.ts writes them out (so that Electronegativity can read them): they must equal the policy exactly.
    const windows = browserWindowPreferences(read('index.ts'));
    expect(windows).toHaveLength(1);
    expect(windows[0]).toEqual({ ...SECURE_WEB_PREFERENCES, preload: { identifier: 'preloadPath' } });
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('denies by default and allows scripts only from the app itself', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toContain("'self'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('names no remote origin or wildcard', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
  });

  it('allows exactly what the CSP meta tag of the renderer page allows, for every kind of resource', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'CSP meta tag in src/renderer/index.html').not.toBeNull();
    const page = directives(meta![1]!);
    // Effective source list: the directive, else default-src (enough for the directives used here).
    const effective = (d: Map<string, string[]>, name: string): string[] => [...(d.get(name) ?? d.get('default-src') ?? [])].sort();
    for (const name of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'worker-src', 'object-src', 'base-uri', 'form-action']) {
      expect(effective(csp, name), name).toEqual(effective(page, name));
    }
  });

  it('is sent as a header with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('app:// scheme', () => {
  it('is standard and secure without bypassing CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false });
    expect(APP_ENTRY_URL).toBe('app://leaky-lab/index.html');
  });

  it('is registered before ready, served with protocol.handle, and the app never uses file://', () => {
    const index = read('index.ts');
    expect(index).toMatch(/protocol\.registerSchemesAsPrivileged\(/);
    expect(index.indexOf('registerSchemesAsPrivileged')).toBeLessThan(index.indexOf('whenReady'));
    expect(index).toMatch(/protocol\.handle\(APP_SCHEME/);
    expect(index).not.toMatch(/loadFile\(|file:\/\//);
  });

  it('blocks network and file requests', () => {
    for (const scheme of ['http', 'https', 'ws', 'wss', 'file']) {
      expect(BLOCKED_URL_PATTERNS.some((p) => p.startsWith(`${scheme}://`)), scheme).toBe(true);
    }
  });
});

describe('main entry', () => {
  const index = read('index.ts');

  it('denies navigation, new windows, webviews and permissions', () => {
    expect(index).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(index).toMatch(/'will-navigate', \(event\) => event\.preventDefault\(\)/);
    expect(index).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(index).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(index).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(index).toMatch(/isTrustedSender\(event\.senderFrame\)/);
    expect(index).not.toMatch(/shell\.openExternal/);
  });

  it('is the only main module that imports electron at run time', () => {
    for (const file of readdirSync(mainDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      const valueImports = read(file).match(/^import\s+(?!type\b)[^;]*from\s+'electron(\/[^']*)?';/gm) ?? [];
      expect(valueImports, file).toEqual([]);
    }
  });
});

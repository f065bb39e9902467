import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, isInside, resolveAppUrl, serveAppRequest } from '../../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security-policy';

const root = resolve(tmpdir(), 'leaky-lab-root-for-resolver');

/** The property every answer must have: refused, or a path inside the root. */
function expectContained(url: string): void {
  const r = resolveAppUrl(url, root);
  if (r.ok) expect(isInside(root, r.filePath), `${url} -> ${r.filePath}`).toBe(true);
}

describe('resolveAppUrl', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppUrl('app://leaky-lab/index.html', root)).toEqual({ ok: true, filePath: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppUrl('app://leaky-lab/assets/index-AbC123.js?v=1#x', root)).toMatchObject({ ok: true, filePath: join(root, 'assets', 'index-AbC123.js'), contentType: 'text/javascript; charset=utf-8' });
    expect(resolveAppUrl('app://leaky-lab/', root)).toMatchObject({ ok: true, filePath: join(root, 'index.html') });
    expect(resolveAppUrl('app://leaky-lab', root)).toMatchObject({ ok: true, filePath: join(root, 'index.html') });
    expect(resolveAppUrl('app://leaky-lab/assets/', root)).toMatchObject({ ok: true, filePath: join(root, 'assets', 'index.html') });
    expect(resolveAppUrl('app://leaky-lab/fonts/Inter%20Var.woff2', root)).toMatchObject({ ok: true, filePath: join(root, 'fonts', 'Inter Var.woff2'), contentType: 'font/woff2' });
  });

  it.each([
    ['app://leaky-lab/../../../etc/passwd'],
    ['app://leaky-lab/assets/../../secret'],
    ['app://leaky-lab/%2e%2e/%2e%2e/etc/passwd'],
    ['app://leaky-lab/%2E%2E/secret'],
    ['app://leaky-lab/.%2e/secret'],
    ['app://leaky-lab//etc/passwd'],
    ['app://leaky-lab///etc/passwd'],
    ['app://leaky-lab/%252e%252e/secret'],
  ])('keeps dot-segment tricks inside the root: %s', (url) => {
    expectContained(url);
  });

  it.each([
    ['app://leaky-lab/..%2f..%2fetc%2fpasswd', 403],
    ['app://leaky-lab/%2e%2e%2fsecret', 403],
    ['app://leaky-lab/%2Fetc%2Fpasswd', 403],
    ['app://leaky-lab/..\\..\\windows\\win.ini', 403],
    ['app://leaky-lab/%5c..%5c..%5cwindows', 403],
    ['app://leaky-lab/assets\\..\\..\\x', 403],
    ['app://leaky-lab/index.html%00.png', 403],
    ['app://leaky-lab/index.html\u0000.png', 403],
    ['app://leaky-lab/C:/Windows/win.ini', 403],
    ['app://leaky-lab/C%3A%5CWindows%5Cwin.ini', 403],
    ['app://leaky-lab/index.html:stream', 403],
    ['app://leaky-lab/.env', 403],
    ['app://leaky-lab/.git/config', 403],
    ['app://leaky-lab/index.html.', 403],
    ['app://leaky-lab/index.html%20', 403],
    ['app://leaky-lab/a%0Ab', 403],
    ['app://leaky-lab/%E0%A4%A', 400],
    ['app://leaky-lab/%', 400],
    [`app://leaky-lab/${'a'.repeat(5000)}`, 400],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    expect(resolveAppUrl(url, root)).toMatchObject({ ok: false, status });
  });

  it.each([
    ['app://evil/index.html'],
    ['app://leaky-lab.evil.com/index.html'],
    ['app://evil.com/leaky-lab/index.html'],
    ['app://user@leaky-lab/index.html'],
    ['app://leaky-lab:8080/index.html'],
    ['https://leaky-lab/index.html'],
    ['file:///etc/passwd'],
    ['file://leaky-lab/index.html'],
  ])('refuses URLs that are not this app: %s', (url) => {
    expect(resolveAppUrl(url, root)).toMatchObject({ ok: false, status: 404 });
  });

  it('never resolves outside the root for random hostile paths', () => {
    const parts = ['..', '.', '%2e', '%2E%2e', '%2f', '%5c', '\\', '/', '//', 'a', 'etc', '%00', '%252e', 'C:', '~', '%c0%ae', '%u002e', '..;', '.../'];
    let seed = 12345;
    const pick = (): string => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return parts[seed % parts.length]!;
    };
    for (let i = 0; i < 5000; i++) {
      let path = '';
      const n = 1 + (i % 7);
      for (let k = 0; k < n; k++) path += `/${pick()}${pick()}`;
      expectContained(`app://leaky-lab${path}`);
    }
  });

  it('knows the content types a Vite build emits', () => {
    expect(contentTypeFor('x.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('x.wasm')).toBe('application/wasm');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

describe('serveAppRequest', () => {
  let base: string;
  let served: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'leaky-lab-serve-'));
    served = join(base, 'renderer');
    mkdirSync(join(served, 'assets'), { recursive: true });
    writeFileSync(join(served, 'index.html'), '<!doctype html><title>Leaky Lab</title>');
    writeFileSync(join(served, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'top secret');
    symlinkSync(join(base, 'secret.txt'), join(served, 'assets', 'link.txt'));
    symlinkSync(base, join(served, 'escape'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(new Request(url, { method }), served);

  it('serves files with their type and the security headers', async () => {
    const res = await get('app://leaky-lab/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Leaky Lab</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await get('app://leaky-lab/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('sends the CSP on errors too', async () => {
    const res = await get('app://leaky-lab/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://leaky-lab/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://leaky-lab/index.html', 'POST')).status).toBe(405);
    expect((await get('app://leaky-lab/index.html', 'PUT')).status).toBe(405);
  });

  it('does not follow symlinks out of the folder', async () => {
    const viaFile = await get('app://leaky-lab/assets/link.txt');
    expect(viaFile.status).toBe(403);
    expect(await viaFile.text()).not.toContain('top secret');
    const viaDir = await get('app://leaky-lab/escape/secret.txt');
    expect(viaDir.status).toBe(403);
  });

  it('never leaks the file beside the folder through traversal', async () => {
    for (const url of ['app://leaky-lab/../secret.txt', 'app://leaky-lab/%2e%2e/secret.txt', 'app://leaky-lab/..%2fsecret.txt', 'app://leaky-lab/..%5csecret.txt']) {
      const res = await get(url);
      expect(res.status, url).not.toBe(200);
      expect(await res.text()).not.toContain('top secret');
    }
  });

  it('treats folders as not found unless they hold an index.html', async () => {
    expect((await get('app://leaky-lab/assets')).status).toBe(404);
    expect((await get('app://leaky-lab/assets/')).status).toBe(404);
  });
});

/**
 * The app:// protocol: maps a request URL to a file under the renderer's build folder, refusing
 * anything that could step outside it, and answers with the file and the security headers. Takes the
 * folder as an argument and uses only Node and web-standard APIs, so it runs (and is tested) without
 * Electron; the entry file passes `serveAppRequest` to `protocol.handle`.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, SECURITY_HEADERS } from './security-policy';

/** Content types of the files a Vite build emits; anything else is served as opaque bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a file name, by extension (case-insensitive). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Where an app:// URL points: a file inside the root, or an HTTP status saying why not. */
export type AppResolution =
  | { readonly ok: true; readonly filePath: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

const MAX_URL_LENGTH = 4096;
// Both slashes, the Windows drive/stream colon, and the other characters Windows forbids in names.
const FORBIDDEN_CHARS = new Set(['/', '\\', ':', '*', '?', '"', '<', '>', '|']);

/** True when a decoded segment holds a control character (NUL included) or a forbidden character. */
function hasForbiddenChar(segment: string): boolean {
  for (const ch of segment) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || FORBIDDEN_CHARS.has(ch)) return true;
  }
  return false;
}

/**
 * Resolves an app:// URL to a file path under `rootDir` without touching the disk. Each path segment is
 * percent-decoded once and checked on its own, so "..", "%2e%2e", "%2f", backslashes, NUL bytes,
 * drive letters and dot-files are all refused; "/" and folders map to their index.html.
 */
export function resolveAppUrl(url: string, rootDir: string): AppResolution {
  if (url.length > MAX_URL_LENGTH) return { ok: false, status: 400, reason: 'URL too long' };
  // Checked on the raw text too: the URL parser would already have folded some of these away.
  if (/\\|%5c|%00/i.test(url) || url.includes('\0')) return { ok: false, status: 403, reason: 'forbidden character in URL' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, status: 404, reason: 'not an app:// URL of this app' };
  }
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    // Leading dot: "..", "." and hidden files; trailing dot or space: names Windows silently aliases.
    if (segment.startsWith('.') || segment.endsWith('.') || segment.endsWith(' ') || hasForbiddenChar(segment)) {
      return { ok: false, status: 403, reason: `forbidden path segment ${JSON.stringify(segment)}` };
    }
    segments.push(segment);
  }
  if (segments.length === 0 || parsed.pathname.endsWith('/')) segments.push('index.html');
  const filePath = join(rootDir, ...segments);
  if (!isInside(rootDir, filePath)) return { ok: false, status: 403, reason: 'path escapes the app folder' };
  return { ok: true, filePath, contentType: contentTypeFor(filePath) };
}

/** True when `child` is `root` itself or lies below it (lexically; symlinks are checked separately). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** Answers one app:// request from the files under `rootDir`: GET and HEAD only, symlinks kept inside. */
export async function serveAppRequest(request: Request, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
  const resolved = resolveAppUrl(request.url, rootDir);
  if (!resolved.ok) return textResponse(resolved.status, resolved.reason);
  let body: Uint8Array<ArrayBuffer>;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(resolved.filePath)]);
    // A symlink inside the build folder must not lead out of it.
    if (!isInside(realRoot, realFile)) return textResponse(403, 'path escapes the app folder');
    if (!(await stat(realFile)).isFile()) return textResponse(404, 'not found');
    body = new Uint8Array(await readFile(realFile));
  } catch {
    return textResponse(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': resolved.contentType, 'Content-Length': String(body.byteLength) },
  });
}

function textResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

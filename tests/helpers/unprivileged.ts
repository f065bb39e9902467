/**
 * Runs a snippet of test code in a child Node process as an unprivileged user. Permission tests
 * (a read-only folder, an unreadable file) mean nothing as root, who may read and write anything, and
 * this machine runs its tests as root: so when this process is root the child runs as `nobody`
 * (uid/gid 65534); otherwise as the current user, whose permissions the file modes already restrict.
 * The snippet is an ES module body with top-level await; tsx lets it import the TypeScript sources by
 * absolute path; it returns its result with `done(value)` (JSON).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
const NOBODY = 65534;

/** Whether the child will run with dropped privileges (true when the test process is root). */
export const dropsPrivileges = process.getuid?.() === 0;

/** Absolute path of a repository file, for the snippet's imports. */
export function repoPath(relative: string): string {
  return resolve(repoRoot, relative);
}

/** Runs `body` as an unprivileged user and resolves to the value it passed to done(). */
export function runUnprivileged<T>(body: string, timeoutMs = 60_000): Promise<T> {
  const code = `const done = (value) => process.stdout.write('\\n@@RESULT@@' + JSON.stringify(value));\n${body}`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: repoRoot,
      env: { ...process.env, HOME: '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(dropsPrivileges ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const at = out.lastIndexOf('@@RESULT@@');
      if (code !== 0 || at < 0) reject(new Error(`unprivileged child failed (exit ${code}):\n${err}\n${out}`));
      else resolvePromise(JSON.parse(out.slice(at + '@@RESULT@@'.length)) as T);
    });
  });
}

#!/usr/bin/env node
// `npm start`: builds the desktop app and launches it in Electron. When Electron cannot run here (no
// binary and no way to download it, no display, or it dies at once), prints one line saying why and
// serves the web build in the browser instead. `npm run web` (--web) goes straight to the web build.
// Never waits forever: the binary download and the launch each have a time limit. Ctrl+C exits cleanly.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const webOnly = process.argv.includes('--web');
const WEB_PORT = 5173;
/** How long the first-launch download of the Electron binary may take (it is about 100 MB). */
const DOWNLOAD_TIMEOUT_MS = Number(process.env.LEAKY_LAB_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 300_000);
/** An Electron that is still running after this long is taken to have started. */
const LAUNCH_GRACE_MS = 4_000;

process.chdir(root); // electron-vite resolves src/ and out/ from the working directory

try {
  if (webOnly) {
    const url = await serveWeb();
    console.log(`Serving Leaky Lab in your browser at ${url}`);
  } else {
    const reason = await tryDesktop();
    if (reason !== null) {
      const url = await serveWeb();
      console.log(`Electron is not available on this machine (${reason}); serving Leaky Lab in your browser at ${url} instead.`);
    }
  }
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}

/** Builds and launches the desktop app; resolves null once Electron runs, else why it cannot. */
async function tryDesktop() {
  const { build } = await import('electron-vite');
  await build({ configFile: join(root, 'electron.vite.config.ts'), logLevel: 'warn' });
  const binary = await findElectron();
  if (!binary.ok) return binary.reason;
  return launchElectron(binary.path);
}

/** Locates the Electron binary, downloading it the way the electron package does if it is missing. */
async function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const installed = installedBinary(pkgDir);
  if (installed !== null) return { ok: true, path: installed };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'its binary is not installed, and there is no display to show a window on' };
  }
  // The electron package downloads its binary on first use (require('electron') does it). Run that in a
  // child process, so a slow or failing download can be timed out and its stack trace kept quiet.
  const fetched = await runQuiet(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, timeoutMs: DOWNLOAD_TIMEOUT_MS, slowNotice: 'Downloading the Electron binary (first launch)...' });
  if (fetched.timedOut) return { ok: false, reason: `downloading its binary took longer than ${DOWNLOAD_TIMEOUT_MS / 1000} s` };
  const path = installedBinary(pkgDir);
  if (fetched.code !== 0 || path === null) return { ok: false, reason: `its binary is not installed and could not be downloaded: ${shortCause(fetched.stderr)}` };
  return { ok: true, path };
}

/** The installed, executable Electron binary (as the electron package records it), or null. */
function installedBinary(pkgDir) {
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const binary = join(dist, relative);
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return null;
  }
}

/**
 * Starts Electron on this app. Resolves null if it is still running after the grace period (it then
 * owns this process: its exit code becomes ours), or the reason it failed to start.
 */
function launchElectron(binary) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child = spawn(binary, [root], { stdio: ['inherit', 'inherit', 'pipe'], env });
  let stderr = '';
  let started = false;
  child.stderr.on('data', (chunk) => {
    if (started) process.stderr.write(chunk);
    else stderr += chunk;
  });
  return new Promise((resolveLaunch) => {
    const timer = setTimeout(() => {
      started = true;
      process.stderr.write(stderr);
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
      child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
      resolveLaunch(null);
    }, LAUNCH_GRACE_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveLaunch(`it could not be started: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      if (started) return;
      clearTimeout(timer);
      if (code === 0) process.exit(0); // the user closed it quickly; nothing went wrong
      resolveLaunch(`it exited at once with ${code === null ? `signal ${signal}` : `code ${code}`}: ${shortCause(stderr)}`);
    });
  });
}

/** Builds the web version and serves it on localhost; resolves the address. Ctrl+C closes the server. */
async function serveWeb() {
  const configFile = join(root, 'vite.web.config.ts');
  if (!existsSync(configFile)) throw new Error('vite.web.config.ts is missing, so the web version cannot be built.');
  const { build, preview } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, logLevel: 'warn', preview: { host: 'localhost', port: WEB_PORT, strictPort: false, open: false } });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    // Closing waits for open browser connections; do not let a lingering tab keep the terminal busy.
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 300))]);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void close());
  return server.resolvedUrls?.local[0] ?? `http://localhost:${WEB_PORT}/`;
}

/** Runs a command with captured output and a time limit; prints `slowNotice` once if it takes a while. */
function runQuiet(cmd, args, { cwd, timeoutMs, slowNotice }) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const notice = setTimeout(() => console.log(slowNotice), 3_000);
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: null, timedOut: true });
    }, timeoutMs);
    let finished = false;
    const done = (r) => {
      if (finished) return;
      finished = true;
      clearTimeout(notice);
      clearTimeout(limit);
      resolveRun({ stdout, stderr, ...r });
    };
    child.on('error', (error) => done({ code: null, timedOut: false, stderr: error.message }));
    child.on('exit', (code) => done({ code, timedOut: false }));
  });
}

/** The most telling line of an error output, shortened: the message, not the stack. */
function shortCause(text) {
  // Chromium prefixes its log lines with "[pid:date:LEVEL:file(line)]"; the message is what follows.
  const lines = text.split('\n').map((l) => l.trim().replace(/^\[[^\]]*\]\s*/, '')).filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Downloading'));
  const line = lines.find((l) => /error|failed|cannot|unable/i.test(l)) ?? lines.at(-1) ?? 'no output';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

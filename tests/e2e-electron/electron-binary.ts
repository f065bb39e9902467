/**
 * Where the Electron binary is, or why there is none. Found the way the electron package records it
 * (path.txt beside its package.json, the binary under dist/ or ELECTRON_OVERRIDE_DIST_PATH) without
 * requiring the package, whose index.js tries to download the binary when it is missing.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** The Electron binary, or the reason the Electron end-to-end tests cannot run here. */
export type ElectronBinary = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** Looks for the installed Electron binary. */
export function findElectronBinary(): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(join(repoRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron npm package is not installed (run npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(pkgDir, 'dist');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: `the Electron binary is missing: ${pathFile} does not exist, so nothing was downloaded into ${dist} (run \`node node_modules/electron/install.js\` on a machine that can reach Electron's release host)` };
  }
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { ok: false, reason: `the Electron binary ${binary} is missing or not executable` };
  }
  return { ok: true, path: binary };
}

/** The loud banner printed when the suite cannot run. */
export function notRunnableBanner(reason: string): string {
  const line = '='.repeat(100);
  return `\n${line}\nELECTRON END-TO-END TESTS NOT RUNNABLE ON THIS MACHINE: ${reason}.\nThey are reported as skipped, not passed. Nothing about the desktop shell was launched.\n${line}\n`;
}

/**
 * Before the Electron end-to-end tests: builds the app (out/) when the Electron binary exists, and
 * otherwise prints, loudly, that the suite cannot run here (each test then skips with the reason).
 */
import { join } from 'node:path';
import { build } from 'electron-vite';
import { findElectronBinary, notRunnableBanner, repoRoot } from './electron-binary';

export default async function globalSetup(): Promise<void> {
  const binary = findElectronBinary();
  if (!binary.ok) {
    console.error(notRunnableBanner(binary.reason));
    return;
  }
  await build({ configFile: join(repoRoot, 'electron.vite.config.ts'), logLevel: 'warn' });
}

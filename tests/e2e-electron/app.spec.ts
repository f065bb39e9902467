/**
 * The desktop app for real, with Playwright's Electron driver: launches the built app with a fresh
 * user-data folder, waits for the first engine snapshot, steps the engine through the preload's port,
 * and checks the window's security settings and the page's bridge. Where the Electron binary is absent
 * every test skips with a reason naming the missing binary (and global-setup.ts prints it loudly).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { findElectronBinary, repoRoot } from './electron-binary';

const binary = findElectronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.ok, binary.ok ? '' : `Electron end-to-end tests not runnable here: ${binary.reason}`);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!binary.ok) return;
    userData = mkdtempSync(join(tmpdir(), 'leaky-lab-e2e-electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: [repoRoot, `--user-data-dir=${userData}`],
      cwd: repoRoot,
      // A fresh profile on every platform: Linux and Windows derive userData from these.
      env: { ...process.env, XDG_CONFIG_HOME: userData, APPDATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData !== undefined) rmSync(userData, { recursive: true, force: true });
  });

  test('loads the app page and shows the first snapshot, then steps the engine', async () => {
    expect(page.url()).toBe('app://leaky-lab/index.html');
    await expect(page.getByTestId('step-0')).toHaveText('0', { timeout: 30_000 });
    await page.getByTestId('step-100').click();
    await expect(page.getByTestId('step-0')).toHaveText('100');
  });

  test('isolates and sandboxes the page, which has no Node and only the named bridge', async () => {
    const seen = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
      bridge: Object.keys((globalThis as { leakyLab?: object }).leakyLab ?? {}).sort(),
      frozen: Object.isFrozen((globalThis as { leakyLab?: object }).leakyLab),
    }));
    // contextBridge.exposeInMainWorld throws without context isolation, so a bridge proves it is on.
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      buffer: 'undefined',
      bridge: ['onExperimentOpened', 'onMenuCommand', 'openDataset', 'openExperiment', 'openRecent', 'platform', 'recentFiles', 'requestEnginePort', 'saveExperiment', 'saveExperimentAs', 'versions'],
      frozen: true,
    });
    // Electron reports OS-level sandboxing on macOS and Windows (not on Linux, where it is undefined).
    const renderers = await app.evaluate(({ app: a }) => a.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed ?? null));
    expect(renderers.length).toBeGreaterThan(0);
    for (const sandboxed of renderers) expect(sandboxed === null || sandboxed).toBe(true);
  });

  test('refuses navigation and new windows', async () => {
    await page.evaluate(() => window.open('https://example.com/'));
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toBe('app://leaky-lab/index.html');
  });

  test('has the File, Edit, View, Run and Help menus', async () => {
    const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label.replace('&', '')) ?? []);
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Run', 'Help']));
  });

  test('loads a dataset file in the page (the dataset worker runs from app://), previews it and trains on it', async () => {
    await page.getByTestId('open-dataset-input').setInputFiles(join(repoRoot, 'data/bundled/iris.csv'));
    await expect(page.getByTestId('dataset-dialog')).toBeVisible();
    await expect(page.getByTestId('dataset-rows-kept')).toContainText('150 of 150 rows kept', { timeout: 30_000 });
    await page.getByTestId('dataset-train').click();
    await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('iris.csv · 120 train · 30 test');
    await page.getByTestId('step-100').click();
    await expect(page.getByTestId('step-0')).toHaveText('100');
  });

  test('drops a file onto the window without navigating away from the app', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x1,x2,label\n0,1,a\n1,0,b\n0,0,a\n1,1,b\n0.5,0.2,a\n0.3,0.9,b\n0.1,0.4,a\n0.8,0.7,b\n'], 'dropped.csv', { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('dataset-dialog')).toBeVisible();
    expect(page.url()).toBe('app://leaky-lab/index.html');
  });
});

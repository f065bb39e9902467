import { expect, type Locator, type Page, test, type TestInfo } from '@playwright/test';
import { PNG } from 'pngjs';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment } from '../../src/core/protocol/experiment';
import { defaultSessionSpec, laneSpec, type LaneSpec, type SessionSpec } from '../../src/core/protocol/spec';

/** An RGB colour read from a screenshot. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Spread between the largest and smallest channel: 0 for pure greys, large for saturated colours. */
export function chroma(c: Rgb): number {
  return Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b);
}

/** Largest channel difference between two colours. */
export function distance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b));
}

/** The number a readout carries in its data-value attribute. */
export async function readValue(page: Page, testId: string): Promise<number> {
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return Number(v);
}

/** The integer a text readout shows ("12,480" -> 12480). */
export async function readInt(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/[^0-9-]/g, ''));
}

/**
 * Clicks play, then watches the page every animation frame and clicks pause on the first frame where
 * every readout `testId` carries a data-value of at least `min`; waits until the UI reports the pause.
 * Watching from the test process instead would let thousands of steps pass between looks.
 */
export async function playUntil(page: Page, conditions: readonly { testId: string; min: number }[], timeout = 60_000): Promise<void> {
  const button = page.getByTestId('play-pause');
  await expect(button).toHaveText(/Play/);
  const watching = page.waitForFunction(
    (wanted) => {
      const value = (id: string): number => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? Number.NaN);
      const pause = document.querySelector<HTMLButtonElement>('[data-testid="play-pause"]');
      if (!pause?.textContent?.includes('Pause') || !wanted.every((c) => value(c.testId) >= c.min)) return false;
      pause.click();
      return true;
    },
    conditions,
    { polling: 'raf', timeout },
  );
  await button.click();
  await watching;
  await expect(button).toHaveText(/Play/);
}

/**
 * Colour of the canvas under an overlay's centre, decoded from a screenshot of the canvas element
 * itself (scaled from CSS pixels to the screenshot's pixels), averaged over 3x3 pixels. Also returns
 * the colour of the canvas's top-left corner, which is bare background.
 */
export async function canvasColorUnder(page: Page, lane: number, overlay: Locator): Promise<{ at: Rgb; background: Rgb; png: Buffer }> {
  const canvas = page.getByTestId(`graph-${lane}`).locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const png = await canvas.screenshot({ animations: 'disabled' });
  const box = await canvas.boundingBox();
  const target = await overlay.boundingBox();
  if (box === null || target === null) throw new Error('canvas or neuron overlay is not visible');
  const image = PNG.sync.read(png);
  const sx = image.width / box.width;
  const sy = image.height / box.height;
  const cx = Math.round((target.x + target.width / 2 - box.x) * sx);
  const cy = Math.round((target.y + target.height / 2 - box.y) * sy);
  const pixel = (x: number, y: number): Rgb => {
    const i = (image.width * y + x) * 4;
    return { r: image.data[i] ?? 0, g: image.data[i + 1] ?? 0, b: image.data[i + 2] ?? 0 };
  };
  let r = 0;
  let g = 0;
  let b = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const p = pixel(cx + dx, cy + dy);
      r += p.r / 9;
      g += p.g / 9;
      b += p.b / 9;
    }
  }
  return { at: { r: Math.round(r), g: Math.round(g), b: Math.round(b) }, background: pixel(2, 2), png };
}

/** Clicks "+100" and waits (checking every frame) until lane 0's step readout moved on by 100. */
export async function step100(page: Page): Promise<void> {
  const before = await readInt(page, 'step-0');
  await page.getByTestId('step-100').click();
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid="step-0"]')?.textContent?.replace(/[^0-9]/g, '')) === want,
    before + 100,
    { polling: 'raf' },
  );
}

/** Clicks a button that makes the page download a file, and returns the file's name and path (in the test's output folder). */
export async function download(page: Page, testId: string, saveAs: string): Promise<{ name: string; path: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await downloading;
  const path = test.info().outputPath(saveAs);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

/** Saves a full-page screenshot into the test's output folder and attaches it to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Saves a screenshot of one element into the test's output folder and attaches it to the report. */
export async function snapElement(target: Locator, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await target.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Starts collecting console errors and uncaught page errors. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // Warnings count too (issue 15: a session logs none), but for Chromium's own GPU-driver notes ("GL
    // Driver Message ... GPU stall due to ReadPixels"), which software GL prints and no code of ours logs.
    if (m.type() === 'error' || (m.type() === 'warning' && !/GL Driver Message/.test(m.text()))) errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Step numbers of the lane's neurons that are shown as revived (parsed from their labels). */
export async function revivedSteps(page: Page, lane: number): Promise<number[]> {
  return page.locator(`button.neuron[data-lane="${lane}"][data-state="revived"]`).evaluateAll((els) =>
    els.map((e) => Number(/revived at step (\d+)/.exec(e.getAttribute('aria-label') ?? '')?.[1] ?? -1)),
  );
}

/** Hue of a colour in degrees [0, 360). */
export function hue(c: Rgb): number {
  const max = Math.max(c.r, c.g, c.b);
  const d = max - Math.min(c.r, c.g, c.b);
  if (d === 0) return 0;
  const h = max === c.r ? ((c.g - c.b) / d) % 6 : max === c.g ? (c.b - c.r) / d + 2 : (c.r - c.g) / d + 4;
  return (h * 60 + 360) % 360;
}

/**
 * Share of an image's pixels per 30-degree hue family, counting only clearly coloured pixels (chroma at
 * least `minChroma`); greys, the background and text are left out.
 */
export function hueShares(png: Buffer, minChroma = 40): number[] {
  const image = PNG.sync.read(png);
  const bins = new Array<number>(12).fill(0);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    const c = { r: image.data[4 * i] ?? 0, g: image.data[4 * i + 1] ?? 0, b: image.data[4 * i + 2] ?? 0 };
    if (chroma(c) >= minChroma) bins[Math.floor(hue(c) / 30) % 12]! += 1;
  }
  return bins.map((b) => b / n);
}

/** A lane's step readout. */
export function laneStep(page: Page, lane: number): Locator {
  return page.getByTestId(`lane-${lane}`).getByTestId(`step-${lane}`);
}

/** The integer a lane's step readout shows. */
export async function laneStepValue(page: Page, lane: number): Promise<number> {
  return Number(((await laneStep(page, lane).textContent()) ?? '').replace(/[^0-9-]/g, ''));
}

/** An experiment file with no steps taken: the app's default spec with the given changes and lanes (laneSpec's defaults). */
export function experimentFile(spec: Partial<SessionSpec>, lanes: readonly [string, LaneSpec['activation']][], lr: number): Experiment {
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    spec: { ...defaultSessionSpec(), ...spec, lanes: lanes.map(([name, activation]) => laneSpec(name, activation, lr)) },
    steps: 0,
    events: [],
  };
}

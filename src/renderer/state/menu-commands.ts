/**
 * The desktop menus' commands, carried out by the app whatever is on screen (no component has to be
 * mounted for one to work). The web build has no native menu: the shortcuts of its file items run the
 * same commands there (menuShortcut in keyboard.ts).
 */
import type { MenuCommand } from '../../core/protocol/bridge';

/** What the menu commands act on: the session controller. */
export interface MenuTargets {
  toggle(): void;
  step(count: number): void;
  reset(): void;
  readonly files: { save(): void; openThroughShell(): Promise<void>; exportTorch(): Promise<void> };
  readonly datasets: { choose(): Promise<void> };
  readonly runLogs: { choose(): Promise<void> };
  readonly weights: { choose(): void };
}

/** Carries out one menu command. */
export function runMenuCommand(name: MenuCommand, app: MenuTargets): void {
  switch (name) {
    case 'play-pause':
      app.toggle();
      return;
    case 'step':
      app.step(1);
      return;
    case 'reset':
      app.reset();
      return;
    case 'save-experiment':
    case 'save-experiment-as':
      app.files.save();
      return;
    case 'export-torch':
      void app.files.exportTorch();
      return;
    case 'open-experiment':
      void app.files.openThroughShell();
      return;
    case 'open-dataset':
      void app.datasets.choose();
      return;
    case 'open-run-log':
      void app.runLogs.choose();
      return;
    case 'open-weights':
      app.weights.choose();
      return;
  }
}

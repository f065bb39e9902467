import { DARK_PALETTE, type GraphPalette, LIGHT_PALETTE } from '../graph/palette';

/** Follows the system colour scheme (prefers-color-scheme) and gives the matching graph palette. */
export class ThemeWatcher {
  dark = $state(true);
  private readonly query: MediaQueryList | null;
  private readonly onChange = (e: MediaQueryListEvent): void => {
    this.dark = e.matches;
  };

  constructor() {
    this.query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    if (this.query !== null) {
      this.dark = this.query.matches || !window.matchMedia('(prefers-color-scheme: light)').matches;
      this.query.addEventListener('change', this.onChange);
    }
  }

  /** Graph colours for the current scheme. */
  get palette(): GraphPalette {
    return this.dark ? DARK_PALETTE : LIGHT_PALETTE;
  }

  /** Stops following the system setting. */
  dispose(): void {
    this.query?.removeEventListener('change', this.onChange);
  }
}

/** Chart/legend colour of each lane (index = lane). */
export const LANE_COLORS: readonly string[] = ['#f2766b', '#f5b942', '#b68cf5', '#3fd0c0'];

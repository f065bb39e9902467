/** A lane's graph as a self-explaining SVG document (graph/lane-svg.ts), or null before it is drawn. */
export type LaneImageSource = (dataset: string) => { readonly svg: string; readonly width: number; readonly height: number } | null;

/**
 * The lanes' graph images, for exports that need every lane at once (the report): each lane panel
 * registers how to draw its graph while it is mounted. Only the Pixi view knows what it drew.
 */
export class LaneImages {
  private readonly sources = new Map<number, LaneImageSource>();

  /** Registers lane `lane`'s source; the returned function unregisters it (if still the one registered). */
  register(lane: number, source: LaneImageSource): () => void {
    this.sources.set(lane, source);
    return () => {
      if (this.sources.get(lane) === source) this.sources.delete(lane);
    };
  }

  /** Each registered lane's image now, in lane order (lanes not drawn yet are left out). */
  images(dataset: string): { readonly lane: number; readonly svg: string; readonly width: number; readonly height: number }[] {
    return [...this.sources.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([lane, source]) => {
        const doc = source(dataset);
        return doc === null ? [] : [{ lane, ...doc }];
      });
  }
}

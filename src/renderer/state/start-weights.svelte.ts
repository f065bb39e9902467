/**
 * Starting weights from PyTorch: a state_dict (torch.save) or an .npz the user picks with the page's
 * file input (the same in the desktop app, whose sandboxed renderer reads the picked file itself),
 * read by core's reader; the user then starts one lane or every lane from it, which is a new session
 * from step 0 (the engine checks the weights against the dataset and refuses, naming the field, what
 * does not fit; the open session then stays).
 */
import { withStartWeights } from '../../core/engine/start-weights';
import { importNotes } from '../../core/import/import-notes';
import type { ImportedMlp } from '../../core/import/imported-mlp';
import { readWeightsFile, WEIGHTS_MAX_BYTES } from '../../core/import/read-weights';
import type { SessionSpec } from '../../core/protocol/spec';

/** The page's file input accepts these (what torch.save and numpy.savez are usually named). */
export const WEIGHTS_ACCEPT = '.pt,.pth,.bin,.ckpt,.npz';

/** Nothing chosen; a file read, with what it holds; a file refused and why; or the lanes started from it. */
export type WeightsState =
  | { readonly kind: 'none' }
  | { readonly kind: 'read'; readonly mlp: ImportedMlp; readonly notes: readonly string[]; readonly error: string | null }
  | { readonly kind: 'refused'; readonly name: string; readonly message: string };

/** What starting from the weights needs of the session: its spec now (lanes as they train) and a way to open another. */
export interface WeightsSession {
  readonly spec: () => SessionSpec | null;
  readonly open: (spec: SessionSpec, note: string) => Promise<string | null>;
}

export class StartWeightsImport {
  state = $state.raw<WeightsState>({ kind: 'none' });
  /** The page's file input, mounted with the app (so the desktop menu's command works whatever is on screen). */
  private input: HTMLInputElement | null = null;

  constructor(private readonly session: WeightsSession) {}

  /** Uses `input` as the page's file input (an attachment: the returned function lets it go). */
  attachInput(input: HTMLInputElement): () => void {
    this.input = input;
    return () => {
      if (this.input === input) this.input = null;
    };
  }

  /** Start from PyTorch weights…: the page's file input (in the desktop app too: its sandboxed renderer reads the picked file). */
  choose(): void {
    this.input?.click();
  }

  /** A file picked with the page's file input: size-checked before it is read. */
  async chosen(file: File): Promise<void> {
    if (file.size > WEIGHTS_MAX_BYTES) {
      this.state = { kind: 'refused', name: file.name, message: `${file.name} is ${Math.round(file.size / 1048576)} MB, more than the ${WEIGHTS_MAX_BYTES / 1048576} MB a weights file may be.` };
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      this.state = { kind: 'refused', name: file.name, message: `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}` };
      return;
    }
    this.read(file.name, bytes);
  }

  /** Reads a weights file's bytes with core's reader. */
  read(name: string, bytes: Uint8Array): void {
    const r = readWeightsFile(bytes, name);
    this.state = r.ok ? { kind: 'read', mlp: r.mlp, notes: importNotes(r.mlp), error: null } : { kind: 'refused', name, message: r.message };
  }

  /**
   * Starts lane `lane` (or every lane) from the weights read: a new session with the file's hidden
   * layers. On success the panel closes; a refusal (weights that do not fit the dataset) stays shown.
   */
  async start(lane: number | 'all'): Promise<void> {
    const s = this.state;
    const spec = this.session.spec();
    if (s.kind !== 'read' || spec === null) return;
    const who = lane === 'all' ? 'every lane starts' : `lane ${spec.lanes[lane]?.name ?? lane + 1} starts`;
    const error = await this.session.open(withStartWeights(spec, s.mlp, lane), `From step 0: ${who} from the weights of ${s.mlp.source} (${s.mlp.widths.join('-')}).`);
    this.state = error === null ? { kind: 'none' } : { ...s, error };
  }

  /** Lane `lane` draws from its init again (a new session from step 0). */
  async forget(lane: number): Promise<string | null> {
    const spec = this.session.spec();
    if (spec === null) return null;
    const lanes = spec.lanes.map((l, i) => {
      if (i !== lane) return l;
      const { start: _start, ...rest } = l;
      return rest;
    });
    return this.session.open({ ...spec, lanes }, `From step 0: lane ${spec.lanes[lane]?.name ?? lane + 1} draws its weights from its init again.`);
  }

  /** Closes the panel without starting anything. */
  dismiss(): void {
    this.state = { kind: 'none' };
  }
}

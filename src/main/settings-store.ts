/**
 * Reads, repairs and writes the settings file. A file that is not valid settings never crashes the app:
 * it is renamed aside (settings.json.corrupt-<time>, or .newer-<time> for one from a newer version) and
 * the defaults take its place, with a notice for the user. If even that fails (a read-only folder) the
 * app runs on in-memory defaults and never overwrites the file it could not back up. Writes are atomic.
 */
import { readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import * as v from 'valibot';
import { describeFsError, errorCode, writeAtomic } from './atomic-write';
import { defaultSettings, parseSettings, type Settings, SettingsSchema, serializeSettings } from './settings';

/** A file-name-safe timestamp (no colons, which Windows forbids): 2025-01-02T03-04-05-678Z. */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** The settings of this run, backed by one file. */
export class SettingsStore {
  private current: Settings;
  private writes: Promise<unknown> = Promise.resolve();
  private failureReported = false;

  private constructor(
    private readonly path: string,
    settings: Settings,
    /** False when the file must not be written (it could not be backed up, or not even read). */
    private writable: boolean,
    private readonly log: (line: string) => void,
  ) {
    this.current = settings;
  }

  /** Loads the settings at `path`, repairing a bad file; `notice` says what happened when it was not fine. */
  static async open(path: string, options: { now?: Date; log?: (line: string) => void } = {}): Promise<{ store: SettingsStore; notice: string | null }> {
    const now = options.now ?? new Date();
    const log = options.log ?? (() => {});
    const name = basename(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { store: new SettingsStore(path, defaultSettings(), true, log), notice: null };
      const notice = `Your settings (${name}) could not be read (${describeFsError(error)}), so Leaky Lab uses its defaults this time and will not change that file.`;
      return { store: new SettingsStore(path, defaultSettings(), false, log), notice };
    }
    const parsed = parseSettings(text, name);
    if (parsed.ok) return { store: new SettingsStore(path, parsed.settings, true, log), notice: null };
    const backup = `${path}.${parsed.problem}-${fileStamp(now)}`;
    try {
      await rename(path, backup);
    } catch (error) {
      const notice = `${parsed.message}. It could not be set aside (${describeFsError(error)}), so it was left untouched; Leaky Lab uses its default settings this time and will not save changes to them.`;
      return { store: new SettingsStore(path, defaultSettings(), false, log), notice };
    }
    const store = new SettingsStore(path, defaultSettings(), true, log);
    const saved = await store.save();
    const kept = `It was kept as ${basename(backup)} and the default settings are used instead`;
    return { store, notice: `${parsed.message}. ${kept}${saved === null ? '.' : `, but ${saved}`}` };
  }

  /** The settings now in force. */
  get(): Settings {
    return this.current;
  }

  /** Applies a change and saves it; resolves to null when saved, else to why not (the change still applies). */
  update(change: (settings: Settings) => Settings): Promise<string | null> {
    const next = change(this.current);
    // Validated before it is kept: a bug must not be able to write a file the next launch would reject.
    this.current = v.parse(SettingsSchema, next);
    return this.save();
  }

  /** Resolves when every save started so far has finished (for a clean quit). */
  saved(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  /** Writes the current settings atomically (one write at a time, in order). */
  private save(): Promise<string | null> {
    if (!this.writable) return Promise.resolve('settings are not being saved this session');
    const text = serializeSettings(this.current);
    const result = this.writes.then(async () => {
      try {
        await writeAtomic(this.path, text);
        return null;
      } catch (error) {
        const why = `the settings could not be saved to ${this.path} (${describeFsError(error)})`;
        if (!this.failureReported) this.log(why);
        this.failureReported = true;
        return why;
      }
    });
    this.writes = result;
    return result;
  }
}

/**
 * The app's settings file: its schema (valibot, checked on every read, since the file is outside the
 * app's control), its defaults, and the parse that says what is wrong with a bad file. Pure: the
 * reading, backing up and writing are in settings-store.ts.
 */
import * as v from 'valibot';

/** Version of the settings file this build reads and writes. */
export const SETTINGS_VERSION = 1;
/** Most entries in the recent-files list. */
export const MAX_RECENT_FILES = 10;
/** Longest path a recent-files entry may hold. */
export const MAX_PATH_LENGTH = 4096;

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const coordinate = int(-1_000_000, 1_000_000);
const size = int(100, 1_000_000);

/** Where the main window was and how big, restored at the next launch. */
export const WindowStateSchema = v.strictObject({ x: coordinate, y: coordinate, width: size, height: size, maximized: v.boolean(), fullScreen: v.boolean() });

/** A file the user opened or saved, newest first in the list. */
export const RecentFileSchema = v.strictObject({
  path: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PATH_LENGTH)),
  kind: v.picklist(['experiment', 'dataset']),
  openedAt: v.pipe(v.string(), v.isoTimestamp()),
});

/** Schema of the whole settings file. */
export const SettingsSchema = v.strictObject({
  version: v.literal(SETTINGS_VERSION),
  window: v.nullable(WindowStateSchema),
  recentFiles: v.pipe(v.array(RecentFileSchema), v.maxLength(MAX_RECENT_FILES)),
});

/** The app's settings. */
export type Settings = v.InferOutput<typeof SettingsSchema>;
/** A saved window placement. */
export type WindowState = v.InferOutput<typeof WindowStateSchema>;
/** One entry of the recent-files list. */
export type RecentFile = v.InferOutput<typeof RecentFileSchema>;

/** Settings of a first launch. */
export function defaultSettings(): Settings {
  return { version: SETTINGS_VERSION, window: null, recentFiles: [] };
}

/** A parsed settings file, or what is wrong with it: not JSON, a wrong shape, or a newer version. */
export type SettingsParse =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problem: 'corrupt' | 'newer'; readonly message: string };

/** Parses and validates settings file text; the message names the file and the offending field. */
export function parseSettings(text: string, fileName: string): SettingsParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'corrupt', message: `${fileName} is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > SETTINGS_VERSION) {
    return { ok: false, problem: 'newer', message: `${fileName} was written by a newer Leaky Lab (settings version ${version}; this one reads version ${SETTINGS_VERSION})` };
  }
  const r = v.safeParse(SettingsSchema, raw);
  if (r.success) return { ok: true, settings: r.output };
  const issue = r.issues[0];
  return { ok: false, problem: 'corrupt', message: `${fileName} has an invalid field "${v.getDotPath(issue) ?? '(top level)'}": ${issue.message}` };
}

/** Serializes settings as pretty JSON. */
export function serializeSettings(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

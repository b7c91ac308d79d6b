import { defaultSettings, type HostingSetting, Settings, type SettingsPatch } from '@parley/shared';
import { EventEmitter } from 'node:events';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** A change to the settings: what the renderer may set, and hosting (which only host.* changes). */
export type SettingsUpdate = SettingsPatch & { hosting?: HostingSetting };

export interface SettingsEvents {
  changed: [settings: Settings, previous: Settings];
}

/**
 * The user's app settings in a small JSON file. Each field is checked on load: a missing or bad
 * field falls back to its default and the others are kept, so one bad edit never resets everything.
 */
export class SettingsStore extends EventEmitter<SettingsEvents> {
  private current: Settings;

  constructor(private readonly file: string) {
    super();
    this.current = parseSettings(readJsonFile(file));
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: SettingsUpdate): Settings {
    const previous = this.current;
    const next = parseSettings({ ...previous, ...withoutUndefined(patch) });
    if (sameSettings(previous, next)) return this.get();
    writeJsonFile(this.file, next);
    this.current = next;
    this.emit('changed', this.get(), previous);
    return this.get();
  }
}

/** The file cache's limit in bytes, or null for none. */
export function cacheLimitBytes(settings: Settings): number | null {
  return settings.fileCacheLimitGiB === null ? null : settings.fileCacheLimitGiB * 1024 ** 3;
}

export function parseSettings(raw: unknown): Settings {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(Settings.shape)) {
    const parsed = field.safeParse(source[key]);
    out[key] = parsed.success ? parsed.data : defaultSettings[key as keyof Settings];
  }
  return Settings.parse(out);
}

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import {
  type AdminSettings,
  type AdminSettingsPatch,
  RegistrationPolicy,
  type ServerInfo,
} from '@parley/shared';
import type { Sql } from '@parley/db';
import { z } from 'zod';
import type { ServerConfig } from '../../config.js';
import type { RuntimeSettings } from '../../context.js';
import { SettingsStore } from './settings-store.js';

/** How each stored setting is read back: a value that does not parse falls back to the default. */
const stored = {
  serverName: z.string().min(1),
  announcement: z.string(),
  registration: RegistrationPolicy,
  maxFileSize: z.int().min(1),
  userQuotaBytes: z.int().min(0),
  retentionDays: z.int().min(1).nullable(),
} satisfies { [K in keyof AdminSettings]: z.ZodType<AdminSettings[K]> };

type Key = keyof AdminSettings;

/**
 * The settings an administrator changes at run time, over their configured defaults. Every read
 * goes to the database, so a change is in force for the very next request.
 */
export class ServerSettings implements RuntimeSettings {
  private readonly store: SettingsStore;

  constructor(
    sql: Sql,
    private readonly config: ServerConfig,
  ) {
    this.store = new SettingsStore(sql);
  }

  private defaults(): AdminSettings {
    return {
      serverName: this.config.serverName,
      announcement: '',
      registration: 'open',
      maxFileSize: this.config.maxFileSize,
      userQuotaBytes: this.config.userQuotaBytes,
      retentionDays: null,
    };
  }

  private read<K extends Key>(key: K): AdminSettings[K] {
    const parsed = stored[key].safeParse(this.store.get(key));
    return parsed.success ? (parsed.data as AdminSettings[K]) : this.defaults()[key];
  }

  serverName(): string {
    return this.read('serverName');
  }

  registration(): RegistrationPolicy {
    return this.read('registration');
  }

  fileLimits(): { maxFileSize: number; userQuotaBytes: number } {
    return { maxFileSize: this.read('maxFileSize'), userQuotaBytes: this.read('userQuotaBytes') };
  }

  retentionDays(): number | null {
    return this.read('retentionDays');
  }

  all(): AdminSettings {
    return {
      serverName: this.read('serverName'),
      announcement: this.read('announcement'),
      registration: this.read('registration'),
      ...this.fileLimits(),
      retentionDays: this.read('retentionDays'),
    };
  }

  info(): ServerInfo {
    return {
      name: this.read('serverName'),
      announcement: this.read('announcement'),
      registration: this.read('registration'),
    };
  }

  /** Stores the given fields (call inside a write); returns the names of those that changed. */
  apply(patch: z.output<typeof AdminSettingsPatch>): Key[] {
    const changed: Key[] = [];
    for (const key of Object.keys(stored) as Key[]) {
      const value = patch[key];
      if (value === undefined) continue;
      if (this.read(key) !== value) changed.push(key);
      this.store.set(key, value);
    }
    return changed;
  }
}

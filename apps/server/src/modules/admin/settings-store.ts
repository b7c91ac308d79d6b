import type { Sql } from '@parley/db';

/** The server_settings table: one JSON value per key. */
export class SettingsStore {
  constructor(private readonly sql: Sql) {}

  /** The stored value, parsed; undefined when the key was never set. */
  get(key: string): unknown {
    const row = this.sql.get<{ value_json: string }>('SELECT value_json FROM server_settings WHERE key = ?', [
      key,
    ]);
    return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
  }

  set(key: string, value: unknown): void {
    this.sql.run(
      `INSERT INTO server_settings (key, value_json) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
      [key, JSON.stringify(value)],
    );
  }
}

import { describe, expect, it } from 'vitest';
import { dbAt, tableNames } from './support.js';

describe('migration 001: accounts', () => {
  it('creates users, sessions, refresh tokens and server meta', () => {
    const db = dbAt(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tableNames(db)).toEqual(['refresh_tokens', 'server_meta', 'sessions', 'users']);
  });

  it('keeps usernames unique ignoring case', () => {
    const db = dbAt(1);
    const insert = db.prepare(
      'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
    );
    insert.run('u1', 'Alice', 'Alice', 'h');
    expect(() => insert.run('u2', 'aLICE', 'Other', 'h')).toThrow(/UNIQUE/);
  });

  it('refuses a session for a user that does not exist', () => {
    const db = dbAt(1);
    expect(() =>
      db
        .prepare(
          'INSERT INTO sessions (id, user_id, device_name, created_at, last_used_at) VALUES (?, ?, ?, 0, 0)',
        )
        .run('s1', 'nobody', 'd'),
    ).toThrow(/FOREIGN KEY/);
  });
});

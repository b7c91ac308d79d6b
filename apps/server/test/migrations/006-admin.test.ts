import { migrate } from '@parley/db';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import { dbAt, tableNames } from './support.js';

function seed(db: ReturnType<typeof dbAt>): void {
  db.prepare(
    'INSERT INTO users (id, username, display_name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, 1, 0)',
  ).run('a', 'a', 'A', 'h');
}

describe('migration 006: admin', () => {
  it('adds server settings and invites, with unique codes tied to their creator', () => {
    const db = dbAt(6);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['server_settings', 'invites']));
    seed(db);
    const invite = db.prepare('INSERT INTO invites (id, code, created_by, created_at) VALUES (?, ?, ?, 0)');
    invite.run('i1', 'AAAA-BBBB-CCCC', 'a');
    expect(() => invite.run('i2', 'AAAA-BBBB-CCCC', 'a')).toThrow(/UNIQUE/);
    expect(() => invite.run('i3', 'DDDD-EEEE-FFFF', 'nobody')).toThrow(/FOREIGN KEY/);
    expect(
      db.prepare("SELECT uses, max_uses, expires_at, revoked_at FROM invites WHERE id = 'i1'").get(),
    ).toEqual({ uses: 0, max_uses: null, expires_at: null, revoked_at: null });
  });

  it('keeps the users written at version 5: enabled, with their own password', () => {
    const db = dbAt(5);
    seed(db);
    expect(migrate(db, migrations, { target: 6 })).toEqual({ from: 5, to: 6 });
    expect(db.prepare('SELECT id, is_admin, disabled_at, must_change_password FROM users').all()).toEqual([
      { id: 'a', is_admin: 1, disabled_at: null, must_change_password: 0 },
    ]);
  });

  it('finds the oldest live messages through an index', () => {
    const db = dbAt(6);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM messages WHERE recalled_at IS NULL AND created_at < ? ORDER BY created_at LIMIT 10',
      )
      .all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/messages_live_by_age/);
  });
});

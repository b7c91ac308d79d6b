import { describe, expect, it } from 'vitest';
import { dbAt, tableNames } from './support.js';

describe('migration 003: conversations', () => {
  it('adds conversations and members with read positions and prefs', () => {
    const db = dbAt(3);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['conversations', 'members']));
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('members')")
      .all()
      .map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining(['role', 'read_seq', 'delivered_seq', 'muted', 'pinned', 'joined_at']),
    );
  });

  it('gives each pair of people one direct conversation', () => {
    const db = dbAt(3);
    db.prepare(
      'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
    ).run('a', 'a', 'A', 'h');
    const insert = db.prepare(
      `INSERT INTO conversations (id, kind, direct_key, created_by, created_at, member_limit)
       VALUES (?, 'direct', ?, 'a', 0, 2)`,
    );
    insert.run('c1', 'a:b');
    expect(() => insert.run('c2', 'a:b')).toThrow(/UNIQUE/);
  });
});

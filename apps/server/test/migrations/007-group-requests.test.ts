import { migrate } from '@parley/db';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import { dbAt } from './support.js';

function seed(db: ReturnType<typeof dbAt>): void {
  const user = db.prepare(
    'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
  );
  user.run('a', 'a', 'A', 'h');
  user.run('b', 'b', 'B', 'h');
}

const insertGroup = (db: ReturnType<typeof dbAt>) =>
  db.prepare(
    "INSERT INTO conversations (id, kind, name, created_by, created_at, member_limit, client_request_id) VALUES (?, 'group', 'G', ?, 0, 500, ?)",
  );

describe('migration 007: group requests', () => {
  it('allows one group per creator and clientRequestId, and any number without one', () => {
    const db = dbAt(7);
    seed(db);
    const insert = insertGroup(db);
    insert.run('g1', 'a', 'r1');
    expect(() => insert.run('g2', 'a', 'r1')).toThrow(/UNIQUE/);
    insert.run('g3', 'b', 'r1');
    insert.run('g4', 'a', null);
    insert.run('g5', 'a', null);
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 4 });
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM conversations WHERE created_by = ? AND client_request_id = ?',
      )
      .all('a', 'r1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/conversations_by_request/);
  });

  it('keeps the conversations written at version 6, with no request id', () => {
    const db = dbAt(6);
    seed(db);
    db.prepare(
      "INSERT INTO conversations (id, kind, name, created_by, created_at, member_limit) VALUES ('g', 'group', 'G', 'a', 0, 500)",
    ).run();
    expect(migrate(db, migrations, { target: 7 })).toEqual({ from: 6, to: 7 });
    expect(
      db.prepare('SELECT id, name, client_request_id, client_request_hash FROM conversations').all(),
    ).toEqual([{ id: 'g', name: 'G', client_request_id: null, client_request_hash: null }]);
  });
});

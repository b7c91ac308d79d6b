import { migrate, schemaVersion } from '@parley/db';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/core/db/migrations/index.js';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  migrate(db, migrations, { target: 1 });
});
afterEach(() => {
  db.close();
});

const tables = () =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

const message = (id: string, conversationId: string, seq: number) =>
  db
    .prepare(
      `INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content_json, created_at, version_seq)
       VALUES (?, ?, ?, 'u', ?, '{"kind":"text","text":"hi"}', 1, ?)`,
    )
    .run(id, conversationId, seq, `k-${id}`, seq);

describe('migration 001: the cache', () => {
  it('creates every table of the cache at version 1', () => {
    expect(schemaVersion(db)).toBe(1);
    expect(tables()).toEqual([
      'blocks',
      'conversations',
      'drafts',
      'friend_requests',
      'friends',
      'members',
      'messages',
      'meta',
      'outbox',
      'timeline_events',
      'users',
    ]);
  });

  it('keeps one message per id and per conversation seq', () => {
    message('m1', 'c1', 1);
    message('m2', 'c2', 1);
    expect(() => message('m1', 'c1', 2)).toThrow(/UNIQUE/);
    expect(() => message('m3', 'c1', 1)).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
  });

  it('keeps one member row per conversation and user, one timeline event per seq', () => {
    const member = db.prepare(
      "INSERT INTO members (conversation_id, user_id, role, joined_at) VALUES ('c1', ?, 'member', 1)",
    );
    member.run('u1');
    expect(() => member.run('u1')).toThrow(/UNIQUE|PRIMARY/);
    const event = db.prepare(
      "INSERT INTO timeline_events (conversation_id, seq, type, actor_id, data_json, created_at) VALUES ('c1', 5, 'x', 'u', '{}', 1)",
    );
    event.run();
    expect(() => event.run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('checks outbox states and friend request directions, and types columns strictly', () => {
    const outbox = db.prepare(
      "INSERT INTO outbox (client_msg_id, conversation_id, content_json, created_at, state) VALUES (?, 'c1', '{}', 1, ?)",
    );
    outbox.run('k1', 'pending');
    outbox.run('k2', 'failed');
    expect(() => outbox.run('k3', 'sent')).toThrow(/CHECK/);
    expect(() => outbox.run('k1', 'pending')).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.prepare("INSERT INTO friend_requests (id, direction, json) VALUES ('r', 'sideways', '{}')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO drafts (conversation_id, text, updated_at) VALUES ('c1', 'x', 'soon')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});

import { describe, expect, it } from 'vitest';
import { migrate } from '@parley/db';
import { migrations } from '../../src/db/migrations/index.js';
import { dbAt, tableNames } from './support.js';

describe('migration 004: messages and streams', () => {
  it('adds messages, mentions, reactions and both kinds of stream', () => {
    const db = dbAt(4);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining([
        'conversation_events',
        'message_mentions',
        'messages',
        'reactions',
        'user_events',
      ]),
    );
  });

  it('makes (sender, clientMsgId) and (conversation, seq) unique, and stream seqs unique', () => {
    const db = dbAt(4);
    db.prepare(
      'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
    ).run('a', 'a', 'A', 'h');
    db.prepare(
      `INSERT INTO conversations (id, kind, created_by, created_at, member_limit) VALUES ('c', 'group', 'a', 0, 9)`,
    ).run();
    const message = db.prepare(
      `INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, send_hash, kind, content_json, created_at)
       VALUES (?, 'c', ?, 'a', ?, 'h', 'text', '{}', 0)`,
    );
    message.run('m1', 1, 'k1');
    expect(() => message.run('m2', 2, 'k1')).toThrow(/UNIQUE/);
    expect(() => message.run('m3', 1, 'k3')).toThrow(/UNIQUE/);
    const event = db.prepare(
      `INSERT INTO conversation_events (conversation_id, seq, type, actor_id, data_json, created_at)
       VALUES ('c', ?, 'message.created', 'a', '{}', 0)`,
    );
    event.run(1);
    expect(() => event.run(1)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('keeps the data written at version 3', () => {
    const db = dbAt(3);
    db.prepare(
      'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
    ).run('a', 'a', 'A', 'h');
    db.exec(
      "INSERT INTO conversations (id, kind, created_by, created_at, member_limit) VALUES ('c', 'group', 'a', 0, 9)",
    );
    expect(migrate(db, migrations, { target: 4 })).toEqual({ from: 3, to: 4 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 1 });
  });
});

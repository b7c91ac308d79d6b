import { migrate, schemaVersion } from '@parley/db';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/core/db/migrations/index.js';
import { CACHE_FILE, LocalStore } from '../../src/core/store/local-store.js';
import { tempDir } from '../support/harness.js';
import { textOf } from '../support/text-of.js';

const A = randomUUID();
const B = randomUUID();

function insertMessage(
  db: Database.Database,
  m: { id: string; conversationId: string; seq: number; text: string | null; createdAt: number },
  deletedLocally = 0,
): void {
  db.prepare(
    `INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content_json, created_at,
                           version_seq, deleted_locally)
     VALUES (?, ?, ?, 'u', ?, ?, ?, ?, ?)`,
  ).run(
    m.id,
    m.conversationId,
    m.seq,
    randomUUID(),
    m.text === null ? null : JSON.stringify({ kind: 'text', text: m.text }),
    m.createdAt,
    m.seq,
    deletedLocally,
  );
}

describe('migration 002: search', () => {
  it('adds the search table next to the cache', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(migrations.length);
    const columns = db
      .prepare<[], string>("SELECT name FROM pragma_table_info('message_search')")
      .pluck()
      .all();
    expect(columns).toEqual(['tokens', 'conversation', 'message_id', 'conversation_id', 'seq']);
    db.close();
  });

  it('keeps the data of a cache at version 1 and indexes the messages it already held', () => {
    const dir = tempDir();
    const db = new Database(join(dir, CACHE_FILE));
    migrate(db, migrations, { target: 1 });
    const kept = {
      id: randomUUID(),
      conversationId: A,
      seq: 1,
      text: 'Quarterly report 季度报告',
      createdAt: 1000,
    };
    const sameMoment = {
      id: randomUUID(),
      conversationId: B,
      seq: 1,
      text: 'quarterly budget',
      createdAt: 1000,
    };
    insertMessage(db, kept);
    insertMessage(db, sameMoment);
    insertMessage(db, { id: randomUUID(), conversationId: A, seq: 2, text: null, createdAt: 2000 });
    insertMessage(
      db,
      { id: randomUUID(), conversationId: A, seq: 3, text: 'quarterly gone', createdAt: 3000 },
      1,
    );
    db.prepare("INSERT INTO drafts (conversation_id, text, updated_at) VALUES (?, 'draft', 5)").run(A);
    db.close();

    const store = LocalStore.open(dir);
    try {
      expect(schemaVersion(store.db)).toBe(migrations.length);
      expect(store.messages.allOf(A).map((m) => textOf(m.content))).toEqual([
        'Quarterly report 季度报告',
        null,
        'quarterly gone',
      ]);
      expect(store.drafts.get(A)).toBe('draft');

      const found = (q: string, conversationId?: string) =>
        store.search
          .search(q, conversationId ? { conversationId } : {})
          .results.map((r) => r.messageId)
          .sort();
      expect(found('quarterly')).toEqual([kept.id, sameMoment.id].sort());
      expect(found('quarterly', B)).toEqual([sameMoment.id]);
      expect(found('季度报告')).toEqual([kept.id]);
      expect(found('gone')).toEqual([]);

      // Rows written by the migration are found again by later changes.
      store.messages.deleteLocally(kept.id);
      expect(found('quarterly')).toEqual([sameMoment.id]);
    } finally {
      store.close();
    }
  });
});

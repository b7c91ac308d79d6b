import { migrate, Sql } from '@parley/db';
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '../src/core/db/migrations/index.js';
import { openCacheDatabase } from '../src/core/db/open.js';
import { CACHE_FILE, LocalStore } from '../src/core/store/local-store.js';
import { MessagesCache } from '../src/core/store/messages.js';
import type { BenchOptions } from './options.js';
import { cast, messageBatches } from './rows.js';
import { timed } from './stats.js';

export interface InsertRun {
  label: string;
  seconds: number;
  bytes: number;
}

type Batch = ReturnType<typeof messageBatches> extends Generator<infer B> ? B : never;

/** Inserts every batch with `insert` (each in one transaction) and times only the inserting. */
function run(options: BenchOptions, db: Database.Database, insert: (rows: Batch) => void): number {
  let total = 0;
  for (const rows of messageBatches(options.messages, options.batch, cast(options.conversations))) {
    total += timed(() => {
      db.transaction(() => {
        insert(rows);
      })();
    });
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return total / 1000;
}

const size = (dir: string) => statSync(join(dir, CACHE_FILE)).size;

/** The same rows into the same table, with plain prepared statements: the floor for our store. */
export function insertRaw(options: BenchOptions, dir: string): InsertRun {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, CACHE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db, migrations, { target: 1 });
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content_json, created_at, edited_at,
                           recalled_at, recalled_by, reactions_json, version_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const seconds = run(options, db, (rows) => {
    for (const { message: m, versionSeq } of rows) {
      insert.run(
        m.id,
        m.conversationId,
        m.seq,
        m.senderId,
        m.clientMsgId,
        JSON.stringify(m.content),
        m.createdAt,
        m.editedAt,
        m.recalledAt,
        m.recalledBy,
        JSON.stringify(m.reactions),
        versionSeq,
      );
    }
  });
  db.close();
  return { label: 'raw better-sqlite3', seconds, bytes: size(dir) };
}

/** Through MessagesCache.upsert with nothing listening: the store's own cost, no search index. */
export function insertStoreWithoutIndex(options: BenchOptions, dir: string): InsertRun {
  const db = openCacheDatabase(join(dir, CACHE_FILE));
  const messages = new MessagesCache(new Sql(db));
  const seconds = run(options, db, (rows) => {
    for (const { message, versionSeq } of rows) messages.upsert(message, versionSeq);
  });
  db.close();
  return { label: 'store, search index off', seconds, bytes: size(dir) };
}

/** Through LocalStore, as the sync engine writes: messages and the search index. Leaves the cache in `dir`. */
export function insertStore(options: BenchOptions, dir: string): InsertRun {
  const store = LocalStore.open(dir);
  const people = cast(options.conversations);
  store.tx(() => {
    for (const u of people.users) store.users.upsert(u);
    for (const c of people.conversations) store.conversations.upsert(c);
  });
  const seconds = run(options, store.db, (rows) => {
    for (const { message, versionSeq } of rows) store.messages.upsert(message, versionSeq);
  });
  store.close();
  return { label: 'store (LocalStore, with search index)', seconds, bytes: size(dir) };
}

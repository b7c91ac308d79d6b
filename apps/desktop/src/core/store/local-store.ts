import { Sql } from '@parley/db';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openCacheDatabase, type OpenOptions } from '../db/open.js';
import { SearchIndex } from '../search/search-index.js';
import { ConversationsCache } from './conversations.js';
import { DraftsStore } from './drafts.js';
import { searchableText } from '../search/searchable-text.js';
import { FilesIndex } from './files.js';
import { MessagesCache } from './messages.js';
import { MetaStore } from './meta.js';
import { OutboxStore } from './outbox.js';
import { SocialCache } from './social.js';
import { UploadsStore } from './uploads.js';
import { UsersCache } from './users.js';

export const CACHE_FILE = 'cache.db';

/** The local database and one store per table group. */
export class LocalStore {
  readonly sql: Sql;
  readonly meta: MetaStore;
  readonly users: UsersCache;
  readonly conversations: ConversationsCache;
  readonly messages: MessagesCache;
  readonly outbox: OutboxStore;
  readonly uploads: UploadsStore;
  readonly files: FilesIndex;
  readonly drafts: DraftsStore;
  readonly social: SocialCache;
  readonly search: SearchIndex;

  private constructor(readonly db: Database.Database) {
    this.sql = new Sql(db);
    this.meta = new MetaStore(this.sql);
    this.users = new UsersCache(this.sql);
    this.conversations = new ConversationsCache(this.sql);
    this.search = new SearchIndex(this.sql);
    this.files = new FilesIndex(this.sql);
    this.messages = new MessagesCache(this.sql, (m) => {
      this.search.update({ ...m, text: searchableText(m.content) });
      this.files.record(m.id, m.conversationId, m.content);
    });
    this.outbox = new OutboxStore(this.sql);
    this.uploads = new UploadsStore(this.sql);
    this.drafts = new DraftsStore(this.sql);
    this.social = new SocialCache(this.sql);
  }

  static open(dataDir: string, options: OpenOptions = {}): LocalStore {
    return new LocalStore(openCacheDatabase(join(dataDir, CACHE_FILE), options));
  }

  tx<T>(fn: () => T): T {
    return this.sql.tx(fn);
  }

  close(): void {
    this.db.close();
  }
}

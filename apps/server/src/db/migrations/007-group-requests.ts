import type { Migration } from '@parley/db';

export const migration007: Migration = {
  version: 7,
  name: 'group-requests',
  up(db) {
    db.exec(`
      -- groups.create's clientRequestId: a retry of the same request finds the group it created, and
      -- the hash of what that request asked for (name, members) tells a retry from a reused id.
      ALTER TABLE conversations ADD COLUMN client_request_id TEXT;
      ALTER TABLE conversations ADD COLUMN client_request_hash TEXT;
      CREATE UNIQUE INDEX conversations_by_request ON conversations(created_by, client_request_id)
        WHERE client_request_id IS NOT NULL;
    `);
  },
};

import type { Sql } from '@parley/db';

export interface InviteRow {
  id: string;
  code: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  max_uses: number | null;
  uses: number;
  revoked_at: number | null;
}

/** The invites table. */
export class InvitesStore {
  constructor(private readonly sql: Sql) {}

  insert(row: InviteRow): void {
    this.sql.run(
      `INSERT INTO invites (id, code, created_by, created_at, expires_at, max_uses, uses, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.code,
        row.created_by,
        row.created_at,
        row.expires_at,
        row.max_uses,
        row.uses,
        row.revoked_at,
      ],
    );
  }

  byId(id: string): InviteRow | undefined {
    return this.sql.get<InviteRow>('SELECT * FROM invites WHERE id = ?', [id]);
  }

  byCode(code: string): InviteRow | undefined {
    return this.sql.get<InviteRow>('SELECT * FROM invites WHERE code = ?', [code]);
  }

  /** Every invite not revoked, newest first. */
  listActive(): InviteRow[] {
    return this.sql.all<InviteRow>(
      'SELECT * FROM invites WHERE revoked_at IS NULL ORDER BY created_at DESC, id',
    );
  }

  /** Counts one use, if the invite still allows one at `now`; true when it did. */
  use(code: string, now: number): boolean {
    return (
      this.sql.run(
        `UPDATE invites SET uses = uses + 1
         WHERE code = ? AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > ?)
           AND (max_uses IS NULL OR uses < max_uses)`,
        [code, now],
      ).changes > 0
    );
  }

  revoke(id: string, now: number): boolean {
    return (
      this.sql.run('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id])
        .changes > 0
    );
  }
}

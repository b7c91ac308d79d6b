import type { MemberRole } from '@parley/shared';
import type { Sql } from '@parley/db';

export interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  name: string | null;
  direct_key: string | null;
  created_by: string;
  created_at: number;
  dissolved_at: number | null;
  member_limit: number;
  avatar_file_id: string | null;
  /** groups.create's clientRequestId, when the client sent one, and the hash of that request. */
  client_request_id: string | null;
  client_request_hash: string | null;
}

export interface MemberRow {
  conversation_id: string;
  user_id: string;
  role: MemberRole;
  joined_at: number;
  read_seq: number;
  delivered_seq: number;
  muted: number;
  pinned: number;
}

/** The conversations and members tables. */
export class ConversationsStore {
  constructor(private readonly sql: Sql) {}

  byId(id: string): ConversationRow | undefined {
    return this.sql.get<ConversationRow>('SELECT * FROM conversations WHERE id = ?', [id]);
  }

  byDirectKey(key: string): ConversationRow | undefined {
    return this.sql.get<ConversationRow>('SELECT * FROM conversations WHERE direct_key = ?', [key]);
  }

  insert(row: ConversationRow): void {
    this.sql.run(
      `INSERT INTO conversations
         (id, kind, name, direct_key, created_by, created_at, member_limit, client_request_id, client_request_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.kind,
        row.name,
        row.direct_key,
        row.created_by,
        row.created_at,
        row.member_limit,
        row.client_request_id,
        row.client_request_hash,
      ],
    );
  }

  /** The group a user's groups.create with this clientRequestId created, if any. */
  byRequest(createdBy: string, clientRequestId: string): ConversationRow | undefined {
    return this.sql.get<ConversationRow>(
      'SELECT * FROM conversations WHERE created_by = ? AND client_request_id = ?',
      [createdBy, clientRequestId],
    );
  }

  rename(id: string, name: string): void {
    this.sql.run('UPDATE conversations SET name = ? WHERE id = ?', [name, id]);
  }

  setAvatar(id: string, fileId: string | null): void {
    this.sql.run('UPDATE conversations SET avatar_file_id = ? WHERE id = ?', [fileId, id]);
  }

  dissolve(id: string, now: number): void {
    this.sql.run('UPDATE conversations SET dissolved_at = ? WHERE id = ?', [now, id]);
  }

  addMember(conversationId: string, userId: string, role: MemberRole, now: number): void {
    this.sql.run('INSERT INTO members (conversation_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)', [
      conversationId,
      userId,
      role,
      now,
    ]);
  }

  removeMember(conversationId: string, userId: string): void {
    this.sql.run('DELETE FROM members WHERE conversation_id = ? AND user_id = ?', [conversationId, userId]);
  }

  setRole(conversationId: string, userId: string, role: MemberRole): void {
    this.sql.run('UPDATE members SET role = ? WHERE conversation_id = ? AND user_id = ?', [
      role,
      conversationId,
      userId,
    ]);
  }

  member(conversationId: string, userId: string): MemberRow | undefined {
    return this.sql.get<MemberRow>('SELECT * FROM members WHERE conversation_id = ? AND user_id = ?', [
      conversationId,
      userId,
    ]);
  }

  members(conversationId: string): MemberRow[] {
    return this.sql.all<MemberRow>(
      'SELECT * FROM members WHERE conversation_id = ? ORDER BY joined_at, user_id',
      [conversationId],
    );
  }

  memberIds(conversationId: string): string[] {
    return this.sql
      .all<{ user_id: string }>('SELECT user_id FROM members WHERE conversation_id = ?', [conversationId])
      .map((r) => r.user_id);
  }

  memberCount(conversationId: string): number {
    return (
      this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM members WHERE conversation_id = ?', [
        conversationId,
      ])?.n ?? 0
    );
  }

  conversationIdsOf(userId: string): string[] {
    return this.sql
      .all<{ conversation_id: string }>('SELECT conversation_id FROM members WHERE user_id = ?', [userId])
      .map((r) => r.conversation_id);
  }

  /** Everyone who shares a conversation with `userId`, without `userId`. */
  coMemberIds(userId: string): string[] {
    return this.sql
      .all<{ user_id: string }>(
        `SELECT DISTINCT o.user_id FROM members me JOIN members o ON o.conversation_id = me.conversation_id
         WHERE me.user_id = ? AND o.user_id != ?`,
        [userId, userId],
      )
      .map((r) => r.user_id);
  }

  /** Raises the position; never lowers it. Returns the position now stored. */
  raiseRead(conversationId: string, userId: string, seq: number): number {
    this.sql.run(
      `UPDATE members SET read_seq = MAX(read_seq, ?), delivered_seq = MAX(delivered_seq, ?)
       WHERE conversation_id = ? AND user_id = ?`,
      [seq, seq, conversationId, userId],
    );
    return this.member(conversationId, userId)?.read_seq ?? 0;
  }

  raiseDelivered(conversationId: string, userId: string, seq: number): number {
    this.sql.run(
      'UPDATE members SET delivered_seq = MAX(delivered_seq, ?) WHERE conversation_id = ? AND user_id = ?',
      [seq, conversationId, userId],
    );
    return this.member(conversationId, userId)?.delivered_seq ?? 0;
  }

  setPrefs(
    conversationId: string,
    userId: string,
    prefs: { muted?: boolean | undefined; pinned?: boolean | undefined },
  ): void {
    this.sql.run(
      `UPDATE members SET muted = COALESCE(?, muted), pinned = COALESCE(?, pinned)
       WHERE conversation_id = ? AND user_id = ?`,
      [
        prefs.muted === undefined ? null : Number(prefs.muted),
        prefs.pinned === undefined ? null : Number(prefs.pinned),
        conversationId,
        userId,
      ],
    );
  }
}

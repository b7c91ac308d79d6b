import type { Sql } from '@parley/db';
import type { Conversation, Member, MemberRole } from '@parley/shared';

export interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  name: string | null;
  created_by: string;
  created_at: number;
  dissolved_at: number | null;
  member_limit: number;
  server_seq: number;
  synced_seq: number;
  floor_seq: number;
  read_seq: number;
  muted: number;
  pinned: number;
  left_reason: 'left' | 'removed' | null;
  last_activity_at: number;
  avatar_file_id: string | null;
}

/** Conversations, members and the stream position of each conversation. */
export class ConversationsCache {
  constructor(private readonly sql: Sql) {}

  /** Stores what the server says a conversation is now; keeps our own stream position. */
  upsert(c: Conversation): void {
    this.sql.run(
      `INSERT INTO conversations (id, kind, name, created_by, created_at, dissolved_at, member_limit, server_seq,
                                  read_seq, muted, pinned, last_activity_at, avatar_file_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, dissolved_at = excluded.dissolved_at,
         avatar_file_id = excluded.avatar_file_id,
         member_limit = excluded.member_limit, server_seq = MAX(server_seq, excluded.server_seq),
         read_seq = MAX(read_seq, excluded.read_seq), muted = excluded.muted, pinned = excluded.pinned,
         left_reason = NULL, last_activity_at = MAX(last_activity_at, excluded.last_activity_at)`,
      [
        c.id,
        c.kind,
        c.name,
        c.createdBy,
        c.createdAt,
        c.dissolvedAt,
        c.memberLimit,
        c.lastSeq,
        c.readSeq,
        Number(c.muted),
        Number(c.pinned),
        c.lastMessage?.createdAt ?? c.createdAt,
        c.avatarFileId,
      ],
    );
    this.replaceMembers(c.id, c.members);
  }

  get(id: string): ConversationRow | undefined {
    return this.sql.get<ConversationRow>('SELECT * FROM conversations WHERE id = ?', [id]);
  }

  all(): ConversationRow[] {
    return this.sql.all<ConversationRow>('SELECT * FROM conversations');
  }

  members(id: string): Member[] {
    return this.sql
      .all<{ user_id: string; role: MemberRole; joined_at: number }>(
        'SELECT user_id, role, joined_at FROM members WHERE conversation_id = ? ORDER BY joined_at, user_id',
        [id],
      )
      .map((m) => ({ userId: m.user_id as Member['userId'], role: m.role, joinedAt: m.joined_at }));
  }

  replaceMembers(id: string, members: readonly Member[]): void {
    this.sql.run('DELETE FROM members WHERE conversation_id = ?', [id]);
    for (const m of members) this.addMember(id, m.userId, m.role, m.joinedAt);
  }

  addMember(id: string, userId: string, role: MemberRole, joinedAt: number): void {
    this.sql.run(
      `INSERT INTO members (conversation_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET role = excluded.role`,
      [id, userId, role, joinedAt],
    );
  }

  removeMember(id: string, userId: string): void {
    this.sql.run('DELETE FROM members WHERE conversation_id = ? AND user_id = ?', [id, userId]);
  }

  setRole(id: string, userId: string, role: MemberRole): void {
    this.sql.run('UPDATE members SET role = ? WHERE conversation_id = ? AND user_id = ?', [role, id, userId]);
  }

  rename(id: string, name: string): void {
    this.sql.run('UPDATE conversations SET name = ? WHERE id = ?', [name, id]);
  }

  dissolve(id: string, at: number): void {
    this.sql.run('UPDATE conversations SET dissolved_at = ? WHERE id = ?', [at, id]);
  }

  markLeft(id: string, reason: 'left' | 'removed'): void {
    this.sql.run('UPDATE conversations SET left_reason = ? WHERE id = ?', [reason, id]);
  }

  /** Records that every event up to `seq` is applied (only ever forward, only without a gap). */
  setSynced(id: string, seq: number): void {
    this.sql.run(
      'UPDATE conversations SET synced_seq = MAX(synced_seq, ?), server_seq = MAX(server_seq, ?) WHERE id = ?',
      [seq, seq, id],
    );
  }

  setFloor(id: string, seq: number): void {
    this.sql.run('UPDATE conversations SET floor_seq = ? WHERE id = ?', [seq, id]);
  }

  noteServerSeq(id: string, seq: number): void {
    this.sql.run('UPDATE conversations SET server_seq = MAX(server_seq, ?) WHERE id = ?', [seq, id]);
  }

  touch(id: string, at: number): void {
    this.sql.run('UPDATE conversations SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ?', [
      at,
      id,
    ]);
  }

  setRead(id: string, seq: number): void {
    this.sql.run('UPDATE conversations SET read_seq = MAX(read_seq, ?) WHERE id = ?', [seq, id]);
  }

  setAvatar(id: string, fileId: string | null): void {
    this.sql.run('UPDATE conversations SET avatar_file_id = ? WHERE id = ?', [fileId, id]);
  }

  /** Whether a cached group shows this file as its avatar. */
  hasAvatar(fileId: string): boolean {
    return (
      this.sql.get('SELECT 1 FROM conversations WHERE avatar_file_id = ? LIMIT 1', [fileId]) !== undefined
    );
  }

  setPrefs(id: string, muted: boolean, pinned: boolean): void {
    this.sql.run('UPDATE conversations SET muted = ?, pinned = ? WHERE id = ?', [
      Number(muted),
      Number(pinned),
      id,
    ]);
  }
}

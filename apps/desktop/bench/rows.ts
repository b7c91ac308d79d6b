import type { Conversation, Message, PublicUser } from '@parley/shared';
import { messageText, random } from './data.js';

/** A well-formed v4 UUID from a seeded generator, so every run caches the same ids. */
export function uuid(rnd: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(rnd() * 16).toString(16);
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const USERS = 50;
const START = Date.UTC(2024, 0, 1);

/** The people and conversations the generated messages belong to. */
export function cast(conversations: number): { users: PublicUser[]; conversations: Conversation[] } {
  const rnd = random(1);
  const users = Array.from({ length: USERS }, (_, i): PublicUser => ({
    id: uuid(rnd) as PublicUser['id'],
    username: `user${i}`,
    displayName: `User ${i}`,
    bio: '',
    avatarFileId: null,
    createdAt: START,
  }));
  const list = Array.from({ length: conversations }, (_, i): Conversation => {
    const members = [0, 1, 2].map((k) => users[(i + k * 7) % USERS]!);
    return {
      id: uuid(rnd) as Conversation['id'],
      kind: 'group',
      name: `Team ${i}`,
      createdAt: START,
      createdBy: members[0]!.id,
      lastSeq: 0,
      dissolvedAt: null,
      memberLimit: 500,
      avatarFileId: null,
      members: members.map((u) => ({ userId: u.id, role: 'member', joinedAt: START })),
      readSeq: 0,
      unreadCount: 0,
      mentioned: false,
      muted: false,
      pinned: false,
      lastMessage: null,
    };
  });
  return { users, conversations: list };
}

/**
 * The same `total` messages every run, `batch` at a time, each with the version seq to cache it at:
 * spread over the conversations unevenly (a few busy ones, many quiet), a few seconds apart.
 */
export function* messageBatches(
  total: number,
  batch: number,
  people: ReturnType<typeof cast>,
): Generator<{ message: Message; versionSeq: number }[]> {
  const rnd = random(42);
  const ids = random(43);
  const seqs = new Map<string, number>();
  let at = START;
  for (let done = 0; done < total;) {
    const rows: { message: Message; versionSeq: number }[] = [];
    for (const end = Math.min(total, done + batch); done < end; done++) {
      const r = rnd();
      const c = people.conversations[Math.floor(r * r * people.conversations.length)]!;
      const seq = (seqs.get(c.id) ?? 0) + 1;
      seqs.set(c.id, seq);
      at += 1 + Math.floor(rnd() * 4000);
      const sender = c.members[Math.floor(rnd() * c.members.length)]?.userId ?? c.createdBy;
      rows.push({
        message: {
          id: uuid(ids) as Message['id'],
          conversationId: c.id,
          seq,
          senderId: sender,
          clientMsgId: uuid(ids) as Message['clientMsgId'],
          content: { kind: 'text', text: messageText(rnd) },
          createdAt: at,
          editedAt: null,
          recalledAt: null,
          recalledBy: null,
          reactions: [],
        },
        versionSeq: seq,
      });
    }
    yield rows;
  }
}

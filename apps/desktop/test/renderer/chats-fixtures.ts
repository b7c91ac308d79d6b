import type {
  ConversationSummary,
  FileInfo,
  Message,
  OutboxEntry,
  PendingFileContent,
  PublicUser,
} from '@parley/shared';

/** Values the chat list's pure modules take, with only what a test cares about spelled out. */
export function conversation(over: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    kind: 'direct',
    title: over.id,
    avatarFileId: null,
    members: [],
    dissolvedAt: null,
    leftReason: null,
    lastMessage: null,
    lastActivityAt: 0,
    readSeq: 0,
    unreadCount: 0,
    mentioned: false,
    muted: false,
    pinned: false,
    draft: null,
    pendingCount: 0,
    failedCount: 0,
    newestOutgoing: null,
    ...over,
  };
}

export function message(over: Partial<Omit<Message, 'content'>> & { text?: string | null } = {}): Message {
  const { text = 'hello', ...rest } = over;
  return {
    id: 'm1' as Message['id'],
    conversationId: 'c1' as Message['conversationId'],
    seq: 1,
    senderId: 'u-other' as Message['senderId'],
    clientMsgId: 'k1' as Message['clientMsgId'],
    content: text === null ? null : { kind: 'text', text },
    createdAt: 1000,
    editedAt: null,
    recalledAt: null,
    recalledBy: null,
    reactions: [],
    ...rest,
  };
}

/** What the server says about a stored file, for file messages in tests. */
export function fileInfo(over: Partial<FileInfo> = {}): FileInfo {
  return {
    id: 'f0000000-0000-4000-8000-000000000001' as FileInfo['id'],
    name: 'report.pdf',
    size: 1234,
    mime: 'application/pdf',
    sha256: 'a'.repeat(64),
    width: null,
    height: null,
    hasThumbnail: false,
    executable: false,
    createdAt: 0,
    ...over,
  };
}

/** A file message's content (an image, a file, a voice or a video message). */
export function fileContent(kind: 'image' | 'file' | 'voice' | 'video', over: Partial<FileInfo> = {}) {
  const file = fileInfo(over);
  switch (kind) {
    case 'voice':
      return { kind, fileId: file.id, file, durationMs: 12_400, waveform: [0, 128, 255] };
    case 'video':
      return { kind, fileId: file.id, file, durationMs: 0 };
    default:
      return { kind, fileId: file.id, file };
  }
}

/** An unsent file message (its upload may still be running). */
export function pendingFile(
  kind: PendingFileContent['kind'],
  name: string,
  createdAt: number,
  over: Partial<PendingFileContent> = {},
): OutboxEntry {
  return {
    clientMsgId: 'k3',
    conversationId: 'c1',
    content: {
      kind,
      name,
      size: 2048,
      mime: 'application/octet-stream',
      width: null,
      height: null,
      fileId: null,
      ...over,
    },
    createdAt,
    state: 'pending',
    error: null,
    attempts: 0,
  };
}

export function outboxEntry(text: string, createdAt: number): OutboxEntry {
  return {
    clientMsgId: 'k2',
    conversationId: 'c1',
    content: { kind: 'text', text },
    createdAt,
    state: 'pending',
    error: null,
    attempts: 0,
  };
}

export function user(id: string, displayName: string, username = id): PublicUser {
  return {
    id: id as PublicUser['id'],
    username,
    displayName,
    bio: '',
    avatarFileId: null,
    createdAt: 0,
  };
}

export const member = (userId: string): ConversationSummary['members'][number] => ({
  userId: userId as ConversationSummary['members'][number]['userId'],
  role: 'member',
  joinedAt: 0,
});

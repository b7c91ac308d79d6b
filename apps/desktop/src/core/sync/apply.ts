import type { ConversationEvent, UserEvent } from '@parley/shared';
import type { LocalStore } from '../store/local-store.js';

const isMessageEvent = (e: ConversationEvent): e is Extract<ConversationEvent, { message: unknown }> =>
  'message' in e;

/**
 * Applies one conversation event in stream order: the timeline gets the item and the conversation's
 * state (members, name, …) changes with it. Call inside a transaction; the caller moves synced_seq.
 */
export function applyConversationEvent(store: LocalStore, me: string, e: ConversationEvent): void {
  recordConversationEvent(store, me, e);
  if (isMessageEvent(e)) return;
  const c = store.conversations;
  switch (e.type) {
    case 'members.added':
      for (const id of e.userIds) c.addMember(e.conversationId, id, 'member', e.createdAt);
      break;
    case 'member.removed':
    case 'member.left':
      c.removeMember(e.conversationId, e.userId);
      if (e.userId === me) c.markLeft(e.conversationId, e.type === 'member.left' ? 'left' : 'removed');
      break;
    case 'member.role':
      c.setRole(e.conversationId, e.userId, e.role);
      break;
    case 'conversation.renamed':
      c.rename(e.conversationId, e.name);
      break;
    case 'conversation.avatarChanged':
      c.setAvatar(e.conversationId, e.avatarFileId);
      break;
    case 'conversation.ownerChanged':
      c.setRole(e.conversationId, e.fromUserId, 'admin');
      c.setRole(e.conversationId, e.toUserId, 'owner');
      break;
    case 'conversation.dissolved':
      c.dissolve(e.conversationId, e.createdAt);
      break;
    case 'conversation.created':
      break;
  }
}

/**
 * Records an event in the timeline without touching the conversation's current state: for older
 * pages, whose membership changes are long superseded.
 */
export function recordConversationEvent(store: LocalStore, me: string, e: ConversationEvent): void {
  if (isMessageEvent(e)) {
    store.messages.upsert(e.message, e.seq);
    if (e.type === 'message.created') {
      store.conversations.touch(e.conversationId, e.message.createdAt);
      // My own message came back: whichever device sent it, it is no longer outgoing.
      if (e.message.senderId === me) store.outbox.remove(e.message.clientMsgId);
    }
    return;
  }
  store.messages.addSystemEvent(e);
  store.conversations.touch(e.conversationId, e.createdAt);
}

/** What a user event needs from the network before it can be applied. */
export type UserEventNeed = { fetchConversation: string } | null;

/** Applies one user-stream event. Returns what must be fetched to finish (a conversation I joined). */
export function applyUserEvent(store: LocalStore, e: UserEvent): UserEventNeed {
  switch (e.type) {
    case 'profile.updated':
      store.users.upsert(e.user);
      // My own stream: the profile is mine, with my role on the server.
      store.meta.isAdmin = e.user.isAdmin;
      return null;
    case 'friendRequest.received':
    case 'friendRequest.sent':
      store.users.upsert(e.request.from);
      store.users.upsert(e.request.to);
      store.social.putRequest(e.request, e.type === 'friendRequest.received' ? 'incoming' : 'outgoing');
      return null;
    case 'friendRequest.resolved':
      store.social.removeRequest(e.requestId);
      return null;
    case 'friend.added':
      store.users.upsert(e.user);
      store.social.addFriend(e.user.id, e.since);
      return null;
    case 'friend.removed':
      store.social.removeFriend(e.userId);
      return null;
    case 'block.added':
    case 'block.removed':
      store.social.setBlocked(e.userId, e.type === 'block.added');
      return null;
    case 'conversation.joined':
      return { fetchConversation: e.conversationId };
    case 'conversation.left':
      store.conversations.markLeft(e.conversationId, e.reason);
      return null;
    case 'conversation.prefs':
      store.conversations.setPrefs(e.conversationId, e.muted, e.pinned);
      return null;
    case 'read.updated':
      store.conversations.setRead(e.conversationId, e.readSeq);
      return null;
  }
}

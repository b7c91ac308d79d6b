import type { ConversationSummary } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface ConversationPrefs {
  muted?: boolean;
  pinned?: boolean;
}

export interface ConversationsSlice {
  /** As the list shows them: pinned first, then by last activity (the core's order). */
  conversations: ConversationSummary[];
  /** False until the first list arrived, so the list can tell "loading" from "empty". */
  conversationsLoaded: boolean;
  loadConversations: () => Promise<void>;
  /** Pins or mutes a conversation: the row changes at once, and back if the server refuses. */
  setConversationPrefs: (conversationId: string, prefs: ConversationPrefs) => Promise<void>;
}

/** Every load is numbered, so an answer that arrives after a newer one is dropped. */
let loads = 0;

/** The order the core gives: pinned first, then the latest activity. */
function sortLikeCore(list: ConversationSummary[]): ConversationSummary[] {
  return [...list].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) || b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id),
  );
}

export const createConversationsSlice: SliceCreator<ConversationsSlice> = (set, get) => {
  /** Names the list shows: the other person of direct chats, senders and recallers of last messages. */
  const namesNeeded = (list: readonly ConversationSummary[]): string[] => {
    const me = get().me?.id;
    return list.flatMap((c) => {
      const ids: string[] = [];
      if (c.kind === 'direct') {
        const other = c.members.find((m) => m.userId !== me);
        if (other) ids.push(other.userId);
      }
      const m = c.lastMessage;
      if (m) {
        ids.push(m.senderId);
        if (m.recalledBy) ids.push(m.recalledBy);
      }
      return ids;
    });
  };

  return {
    conversations: [],
    conversationsLoaded: false,
    loadConversations: async () => {
      const load = ++loads;
      const { conversations } = await call(parley().conversations.list());
      if (load !== loads) return;
      set({ conversations, conversationsLoaded: true });
      await get()
        .ensureUsers(namesNeeded(conversations))
        .catch(() => undefined);
    },
    setConversationPrefs: async (conversationId, prefs) => {
      const apply = (p: ConversationPrefs) => {
        set((s) => ({
          conversations: sortLikeCore(
            s.conversations.map((c) => (c.id === conversationId ? { ...c, ...p } : c)),
          ),
        }));
      };
      const before = get().conversations.find((c) => c.id === conversationId);
      apply(prefs);
      try {
        await call(parley().conversations.setPrefs({ conversationId, ...prefs }));
      } catch (err) {
        if (before) apply({ muted: before.muted, pinned: before.pinned });
        throw err;
      }
      // The change comes back as a user event, and `conversations.changed` reloads the list.
    },
  };
};

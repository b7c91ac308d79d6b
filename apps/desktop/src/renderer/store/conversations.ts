import type { ConversationSummary } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface ConversationsSlice {
  /** As the list shows them: pinned first, then by last activity (the core's order). */
  conversations: ConversationSummary[];
  loadConversations: () => Promise<void>;
}

export const createConversationsSlice: SliceCreator<ConversationsSlice> = (set) => ({
  conversations: [],
  loadConversations: async () => {
    const { conversations } = await call(parley().conversations.list());
    set({ conversations });
  },
});

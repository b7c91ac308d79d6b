import type { TimelineItem } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface Timeline {
  items: TimelineItem[];
  hasOlder: boolean;
}

export interface MessagesSlice {
  /** Loaded timelines by conversation id. */
  timelines: Record<string, Timeline>;
  loadTimeline: (conversationId: string) => Promise<void>;
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (set) => ({
  timelines: {},
  loadTimeline: async (conversationId) => {
    const page = await call(parley().conversations.timeline({ conversationId }));
    set((s) => ({ timelines: { ...s.timelines, [conversationId]: page } }));
  },
});

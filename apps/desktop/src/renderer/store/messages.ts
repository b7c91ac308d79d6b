import type { Message, OutboxEntry, TimelineItem, TimelinePage } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { Receipt } from '../components/message/read-marks.js';
import {
  appendNewer,
  firstSeq,
  lastSeq,
  mergeRange,
  mergeTail,
  prependOlder,
  trimNewest,
} from './timeline-window.js';
import type { SliceCreator } from './types.js';

/** The loaded part of a conversation's timeline (see timeline-window.ts). */
export interface Timeline {
  items: TimelineItem[];
  hasOlder: boolean;
  /** False while the window reaches the newest item (then my outbox is at its end). */
  hasNewer: boolean;
  /** The list's index of items[0]: it drops as older pages go in above, so the view keeps its place. */
  firstItemIndex: number;
  /** Changes whenever the window is replaced (opened, jumped to a message or to the latest). */
  generation: number;
  loadingOlder: boolean;
  loadingNewer: boolean;
}

export interface SendExtra {
  mentions?: string[];
  mentionsAll?: boolean;
  replyTo?: string;
}

export interface MessagesSlice {
  /** The open conversation's timeline window, by conversation id. */
  timelines: Record<string, Timeline>;
  /** Members' read and delivered positions, by conversation id. */
  receipts: Record<string, Receipt[]>;
  /** Who is typing in each conversation, with when their indicator expires. */
  typing: Record<string, Record<string, number>>;
  /** Loads the newest page (or the page around `aroundSeq`) as a fresh window. */
  openTimeline: (conversationId: string, aroundSeq?: number | null) => Promise<void>;
  /** Brings the window up to date after the conversation changed (new, edited, deleted items). */
  loadTimeline: (conversationId: string) => Promise<void>;
  loadOlder: (conversationId: string) => Promise<void>;
  loadNewer: (conversationId: string) => Promise<void>;
  /** What the list shows (seqs), so a refresh also updates items far above the newest page. */
  setVisibleRange: (conversationId: string, fromSeq: number, toSeq: number) => void;
  sendMessage: (conversationId: string, text: string, extra?: SendExtra) => Promise<void>;
  /** Messages just put in my outbox: they show at the end of the timeline at once. */
  entriesQueued: (conversationId: string, entries: readonly OutboxEntry[]) => Promise<void>;
  retryMessage: (conversationId: string, clientMsgId: string) => Promise<void>;
  discardMessage: (conversationId: string, clientMsgId: string) => Promise<void>;
  editMessage: (
    conversationId: string,
    messageId: string,
    text: string,
    extra?: Omit<SendExtra, 'replyTo'>,
  ) => Promise<void>;
  recallMessage: (conversationId: string, messageId: string) => Promise<void>;
  toggleReaction: (conversationId: string, messageId: string, emoji: string, on: boolean) => Promise<void>;
  deleteMessageForMe: (conversationId: string, messageId: string) => Promise<void>;
  /** Marks everything read (the conversation is on screen with its newest message in view). */
  markConversationRead: (conversationId: string) => Promise<void>;
  loadReceipts: (conversationId: string) => Promise<void>;
  /** Someone is typing (the `typing` event); the indicator lasts `typingShowMs`. */
  typingArrived: (conversationId: string, userId: string) => void;
  /** I am typing: tells the others, at most every couple of seconds. */
  startTyping: (conversationId: string) => void;
}

/** Large enough that 100,000 messages of older pages never take it below 0. */
export const firstIndexBase = 10_000_000;
const tailLimit = 50;
const pageLimit = 200;
/**
 * The most items the window holds while the reader goes up through history (25 pages, a few MiB
 * of rows and messages); the newest beyond it are dropped and reload as newer pages on the way down.
 */
export const windowMax = 5_000;
export const typingShowMs = 5000;
const typingSendMs = 2000;

/** Every message seen in a page this session, by id: what reply quotes show. */
const known = new Map<string, Message>();

export function knownMessage(id: string): Message | undefined {
  return known.get(id);
}

/** A message from a page seen this session, else from the desktop cache (null: not there). */
export async function findMessage(conversationId: string, messageId: string): Promise<Message | null> {
  const seen = known.get(messageId);
  if (seen) return seen;
  const { message } = await call(parley().messages.get({ conversationId, messageId }));
  if (message) known.set(message.id, message);
  return message;
}

function remember(items: readonly TimelineItem[]): void {
  for (const i of items) if (i.kind === 'message') known.set(i.message.id, i.message);
}

/** One operation at a time per conversation, so each merges into the state the previous one left. */
const queues = new Map<string, Promise<unknown>>();
function serial<T>(conversationId: string, run: () => Promise<T>): Promise<T> {
  const next = (queues.get(conversationId) ?? Promise.resolve()).then(run, run);
  queues.set(
    conversationId,
    next.catch(() => undefined),
  );
  return next;
}

const refreshQueued = new Set<string>();
const visible = new Map<string, { from: number; to: number }>();
const typingSentAt = new Map<string, number>();

export const createMessagesSlice: SliceCreator<MessagesSlice> = (set, get) => {
  const patch = (conversationId: string, change: Partial<Timeline>) => {
    set((s) => {
      const t = s.timelines[conversationId];
      if (!t) return {};
      if (change.items) remember(change.items);
      return { timelines: { ...s.timelines, [conversationId]: { ...t, ...change } } };
    });
  };

  const tailPage = (conversationId: string): Promise<TimelinePage> =>
    call(parley().conversations.timeline({ conversationId, limit: tailLimit }));

  /** Senders of newly arrived messages have stopped typing. */
  const stopTypingOf = (conversationId: string, before: number | null, items: readonly TimelineItem[]) => {
    const typing = get().typing[conversationId];
    if (!typing) return;
    const senders = new Set<string>(
      items.flatMap((i) =>
        i.kind === 'message' && (before === null || i.seq > before) ? [i.message.senderId] : [],
      ),
    );
    if (![...senders].some((id) => id in typing)) return;
    set((s) => ({
      typing: {
        ...s.typing,
        [conversationId]: Object.fromEntries(Object.entries(typing).filter(([id]) => !senders.has(id))),
      },
    }));
  };

  const refresh = async (conversationId: string) => {
    const t = get().timelines[conversationId];
    if (!t) return;
    const before = lastSeq(t.items);
    let tailFrom: number | null = null;
    if (!t.hasNewer) {
      const page = await tailPage(conversationId);
      const current = get().timelines[conversationId];
      if (!current) return;
      const merged = mergeTail(current.items, page);
      tailFrom = firstSeq(page.items);
      patch(conversationId, { items: merged.items, hasNewer: merged.gap });
      stopTypingOf(conversationId, before, page.items);
    }
    const shown = visible.get(conversationId);
    if (shown && (tailFrom === null || shown.from < tailFrom)) {
      const page = await call(
        parley().conversations.around({
          conversationId,
          seq: Math.round((shown.from + shown.to) / 2),
          limit: pageLimit,
        }),
      );
      const current = get().timelines[conversationId];
      if (current) patch(conversationId, { items: mergeRange(current.items, page.items) });
    }
  };

  const afterChange = (conversationId: string) => get().loadTimeline(conversationId);

  return {
    timelines: {},
    receipts: {},
    typing: {},

    openTimeline: (conversationId, aroundSeq = null) =>
      serial(conversationId, async () => {
        let page =
          aroundSeq === null
            ? await tailPage(conversationId)
            : await call(parley().conversations.around({ conversationId, seq: aroundSeq, limit: pageLimit }));
        let hasNewer = aroundSeq === null ? false : page.hasNewer;
        if (aroundSeq !== null && !hasNewer) {
          // The page reaches the newest item: add my outbox (only the newest page carries it).
          const merged = mergeTail(page.items, await tailPage(conversationId));
          page = { ...page, items: merged.items };
          hasNewer = merged.gap;
        }
        remember(page.items);
        visible.delete(conversationId);
        set((s) => {
          const previous = s.timelines[conversationId];
          return {
            // Only the open conversation's window is kept; the others reload when opened.
            timelines: {
              [conversationId]: {
                items: page.items,
                hasOlder: page.hasOlder,
                hasNewer,
                firstItemIndex: firstIndexBase,
                generation: (previous?.generation ?? 0) + 1,
                loadingOlder: false,
                loadingNewer: false,
              },
            },
          };
        });
      }),

    loadTimeline: async (conversationId) => {
      if (refreshQueued.has(conversationId)) return;
      refreshQueued.add(conversationId);
      await serial(conversationId, () => {
        refreshQueued.delete(conversationId);
        return refresh(conversationId);
      });
    },

    loadOlder: (conversationId) => {
      const t = get().timelines[conversationId];
      if (!t?.hasOlder || t.loadingOlder) return Promise.resolve();
      patch(conversationId, { loadingOlder: true });
      return serial(conversationId, async () => {
        try {
          const current = get().timelines[conversationId];
          const beforeSeq = current && firstSeq(current.items);
          if (!current || beforeSeq === null || beforeSeq === undefined || beforeSeq <= 1) {
            patch(conversationId, { hasOlder: false });
            return;
          }
          const page = await call(
            parley().conversations.olderPage({ conversationId, beforeSeq, limit: pageLimit }),
          );
          const now = get().timelines[conversationId];
          if (!now) return;
          const { items, added } = prependOlder(now.items, page.items);
          const trimmed = trimNewest(items, windowMax);
          patch(conversationId, {
            items: trimmed.items,
            hasOlder: page.hasOlder && added > 0,
            hasNewer: now.hasNewer || trimmed.trimmed,
            firstItemIndex: now.firstItemIndex - added,
          });
        } finally {
          patch(conversationId, { loadingOlder: false });
        }
      });
    },

    loadNewer: (conversationId) => {
      const t = get().timelines[conversationId];
      if (!t?.hasNewer || t.loadingNewer) return Promise.resolve();
      patch(conversationId, { loadingNewer: true });
      return serial(conversationId, async () => {
        try {
          const current = get().timelines[conversationId];
          if (!current) return;
          const page = await call(
            parley().conversations.newerPage({
              conversationId,
              afterSeq: lastSeq(current.items) ?? 0,
              limit: pageLimit,
            }),
          );
          const now = get().timelines[conversationId];
          if (!now) return;
          let items = appendNewer(now.items, page.items);
          let hasNewer = page.hasNewer;
          if (!hasNewer) {
            const merged = mergeTail(items, await tailPage(conversationId));
            items = merged.items;
            hasNewer = merged.gap;
          }
          patch(conversationId, { items, hasNewer });
        } finally {
          patch(conversationId, { loadingNewer: false });
        }
      });
    },

    setVisibleRange: (conversationId, from, to) => {
      visible.set(conversationId, { from, to });
    },

    sendMessage: async (conversationId, text, extra = {}) => {
      const { entry } = await call(parley().messages.sendText({ conversationId, text, ...extra }));
      await get().entriesQueued(conversationId, [entry]);
    },

    entriesQueued: async (conversationId, entries) => {
      const t = get().timelines[conversationId];
      if (t?.hasNewer) {
        // Reading history: sending jumps to the newest messages, where mine now is.
        await get().openTimeline(conversationId);
        return;
      }
      if (t) {
        const shown = new Set(t.items.flatMap((i) => (i.kind === 'outgoing' ? [i.entry.clientMsgId] : [])));
        const added = entries.filter((e) => !shown.has(e.clientMsgId));
        if (added.length > 0) {
          patch(conversationId, {
            items: [...t.items, ...added.map((entry): TimelineItem => ({ kind: 'outgoing', entry }))],
          });
        }
      }
      await afterChange(conversationId);
    },

    retryMessage: async (conversationId, clientMsgId) => {
      await call(parley().messages.retry({ clientMsgId }));
      await afterChange(conversationId);
    },

    discardMessage: async (conversationId, clientMsgId) => {
      await call(parley().messages.discard({ clientMsgId }));
      await afterChange(conversationId);
    },

    editMessage: async (conversationId, messageId, text, extra = {}) => {
      await call(parley().messages.edit({ messageId, text, ...extra }));
      await afterChange(conversationId);
    },

    recallMessage: async (conversationId, messageId) => {
      await call(parley().messages.recall({ messageId }));
      await afterChange(conversationId);
    },

    toggleReaction: async (conversationId, messageId, emoji, on) => {
      await call(parley().messages.react({ messageId, emoji, on }));
      await afterChange(conversationId);
    },

    deleteMessageForMe: async (conversationId, messageId) => {
      await call(parley().messages.deleteForMe({ conversationId, messageId }));
      await afterChange(conversationId);
    },

    markConversationRead: async (conversationId) => {
      await call(parley().conversations.markRead({ conversationId }));
    },

    loadReceipts: async (conversationId) => {
      const { receipts } = await call(parley().conversations.receipts({ conversationId }));
      set((s) => ({ receipts: { ...s.receipts, [conversationId]: receipts } }));
    },

    typingArrived: (conversationId, userId) => {
      if (userId === get().me?.id) return;
      const until = Date.now() + typingShowMs;
      set((s) => ({
        typing: { ...s.typing, [conversationId]: { ...s.typing[conversationId], [userId]: until } },
      }));
      setTimeout(() => {
        const current = get().typing[conversationId];
        if (current?.[userId] === undefined || current[userId] > Date.now()) return;
        set((s) => ({
          typing: {
            ...s.typing,
            [conversationId]: Object.fromEntries(Object.entries(current).filter(([id]) => id !== userId)),
          },
        }));
      }, typingShowMs + 50);
    },

    startTyping: (conversationId) => {
      const now = Date.now();
      if (now - (typingSentAt.get(conversationId) ?? 0) < typingSendMs) return;
      typingSentAt.set(conversationId, now);
      void call(parley().typing.start({ conversationId })).catch(() => undefined);
    },
  };
};

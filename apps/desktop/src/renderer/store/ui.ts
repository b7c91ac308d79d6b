import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export type View = 'chats' | 'people' | 'settings';

/** What the right-hand panel shows, if anything. */
export type Panel =
  { kind: 'group-info'; conversationId: string } | { kind: 'profile'; userId: string } | null;

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface UiSlice {
  view: View;
  activeConversationId: string | null;
  /** A message to scroll to and highlight once the conversation shows it (from search). */
  focusSeq: number | null;
  /** Counts the requests for a message, so asking for the same seq again jumps there again. */
  focusRequest: number;
  panel: Panel;
  quickSwitcherOpen: boolean;
  /** The picture shown full-window, if any. */
  viewer: { conversationId: string; messageId: string } | null;
  toasts: Toast[];
  setView: (view: View) => void;
  openConversation: (conversationId: string, options?: { seq?: number }) => void;
  closeConversation: () => void;
  openPanel: (panel: Exclude<Panel, null>) => void;
  closePanel: () => void;
  setQuickSwitcherOpen: (open: boolean) => void;
  openViewer: (conversationId: string, messageId: string) => void;
  closeViewer: () => void;
  toast: (text: string, tone?: Toast['tone']) => void;
  dismissToast: (id: number) => void;
  resetNavigation: () => void;
}

let nextToastId = 1;
const toastMs = 5000;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  /** Tells the main process which conversation is on screen, so it raises no notifications for it. */
  const focus = (conversationId: string | null) => {
    void call(parley().conversations.setFocused({ conversationId })).catch(() => undefined);
  };
  return {
    view: 'chats',
    activeConversationId: null,
    focusSeq: null,
    focusRequest: 0,
    panel: null,
    quickSwitcherOpen: false,
    viewer: null,
    toasts: [],
    setView: (view) => {
      set({ view, panel: null });
      focus(view === 'chats' ? get().activeConversationId : null);
    },
    openConversation: (conversationId, options = {}) => {
      set((s) => ({
        view: 'chats',
        activeConversationId: conversationId,
        focusSeq: options.seq ?? null,
        focusRequest: options.seq === undefined ? s.focusRequest : s.focusRequest + 1,
        quickSwitcherOpen: false,
        // Moving within the open conversation (a quote, a search hit) keeps its side panel.
        panel: s.activeConversationId === conversationId ? s.panel : null,
        viewer: s.activeConversationId === conversationId ? s.viewer : null,
      }));
      focus(conversationId);
    },
    closeConversation: () => {
      set({ activeConversationId: null, focusSeq: null, panel: null, viewer: null });
      focus(null);
    },
    openPanel: (panel) => {
      set({ panel });
    },
    closePanel: () => {
      set({ panel: null });
    },
    setQuickSwitcherOpen: (quickSwitcherOpen) => {
      set({ quickSwitcherOpen });
    },
    openViewer: (conversationId, messageId) => {
      set({ viewer: { conversationId, messageId } });
    },
    closeViewer: () => {
      set({ viewer: null });
    },
    toast: (text, tone = 'info') => {
      const id = nextToastId++;
      set((s) => ({ toasts: [...s.toasts, { id, text, tone }] }));
      setTimeout(() => {
        get().dismissToast(id);
      }, toastMs);
    },
    dismissToast: (id) => {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    resetNavigation: () => {
      set({
        view: 'chats',
        activeConversationId: null,
        focusSeq: null,
        panel: null,
        quickSwitcherOpen: false,
        viewer: null,
      });
    },
  };
};

import { parley } from '../api/parley.js';
import type { useStore } from './index.js';

/**
 * Connects the main process's events to the store. Returns the unsubscribe. Reloads are cheap:
 * everything comes from the local cache.
 */
export function subscribeToEvents(store: typeof useStore): () => void {
  const api = parley();
  const s = () => store.getState();
  const offs = [
    api.on('connection', ({ state }) => {
      s().setConnection(state);
    }),
    api.on('conversations.changed', ({ conversationIds }) => {
      void s().loadConversations();
      const active = s().activeConversationId;
      if (active && conversationIds.includes(active)) void s().loadTimeline(active);
    }),
    api.on('notification.open', ({ conversationId }) => {
      s().openConversation(conversationId);
    }),
    api.on('signed-out', () => {
      s().signedOut();
    }),
    api.on('settings.changed', (settings) => {
      void s().settingsChanged(settings);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

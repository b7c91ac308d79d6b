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
    api.on('typing', ({ conversationId, userId }) => {
      s().typingArrived(conversationId, userId);
    }),
    api.on('receipts.changed', ({ conversationId }) => {
      if (s().activeConversationId === conversationId) {
        void s()
          .loadReceipts(conversationId)
          .catch(() => undefined);
      }
    }),
    api.on('notification.open', ({ conversationId }) => {
      s().openConversation(conversationId);
    }),
    api.on('signed-out', ({ reason }) => {
      s().signedOut(reason);
    }),
    api.on('settings.changed', (settings) => {
      void s().settingsChanged(settings);
    }),
    api.on('people.changed', () => {
      void s()
        .refreshPeople()
        .catch(() => undefined);
      void s()
        .reloadUsers()
        .catch(() => undefined);
      // My own profile events say whether I administer the server.
      void s()
        .refreshMe()
        .catch(() => undefined);
    }),
    api.on('server.changed', (info) => {
      s().serverInfoChanged(info);
    }),
    api.on('presence', (presence) => {
      s().presenceChanged(presence);
    }),
    api.on('transfers.changed', ({ transfers }) => {
      s().transfersChanged(transfers);
    }),
    // Presence went stale while offline (it is hidden meanwhile): ask again once the link is back,
    // for friends and for everyone else on screen (group members, profiles).
    api.on('connection', ({ state }) => {
      if (state === 'online' && s().phase === 'signed-in') {
        void s()
          .loadFriends()
          .catch(() => undefined);
        const friends = new Set<string>(s().friends.map((f) => f.user.id));
        void s().loadPresence(Object.keys(s().presence).filter((id) => !friends.has(id)));
      }
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

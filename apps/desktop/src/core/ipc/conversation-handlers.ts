import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function conversationHandlers({
  core,
  focus,
}: IpcHandlerDeps): HandlersOf<'conversations'> & HandlersOf<'groups'> {
  return {
    'conversations.list': () => ({ conversations: core.conversations() }),
    'conversations.timeline': ({ conversationId, limit }) =>
      core.timeline(conversationId, limit === undefined ? {} : { limit }),
    'conversations.olderPage': ({ conversationId, beforeSeq, limit }) =>
      core.olderPage(conversationId, beforeSeq, limit),
    'conversations.markRead': async ({ conversationId }) => {
      await core.markRead(conversationId);
      return {};
    },
    'conversations.setDraft': ({ conversationId, text }) => {
      core.setDraft(conversationId, text);
      return {};
    },
    'conversations.setFocused': ({ conversationId }) => {
      focus.setConversation(conversationId);
      return {};
    },
    'conversations.setPrefs': async (request) => {
      await core.sync.rpc('conversations.setPrefs', request);
      return {};
    },
    'conversations.openDirect': async (request) => {
      const { conversation } = await core.sync.rpc('conversations.openDirect', request);
      return { conversationId: conversation.id };
    },
    'groups.create': async (request) => {
      const { conversation } = await core.sync.rpc('groups.create', request);
      return { conversationId: conversation.id };
    },
  };
}

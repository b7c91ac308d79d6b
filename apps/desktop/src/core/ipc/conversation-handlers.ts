import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function conversationHandlers({
  core,
  focus,
}: IpcHandlerDeps): HandlersOf<'conversations'> & HandlersOf<'typing'> {
  return {
    'conversations.list': () => ({ conversations: core.conversations() }),
    'conversations.timeline': ({ conversationId, limit }) =>
      core.timeline(conversationId, limit === undefined ? {} : { limit }),
    'conversations.olderPage': ({ conversationId, beforeSeq, limit }) =>
      core.olderPage(conversationId, beforeSeq, limit),
    'conversations.around': ({ conversationId, seq, limit }) => core.around(conversationId, seq, limit),
    'conversations.newerPage': ({ conversationId, afterSeq, limit }) =>
      core.newerPage(conversationId, afterSeq, limit),
    'conversations.receipts': async ({ conversationId }) => ({
      receipts: await core.receipts(conversationId),
    }),
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
      await core.sync.userApplied();
      return {};
    },
    'conversations.openDirect': async (request) => {
      const { conversation } = await core.sync.rpc('conversations.openDirect', request);
      await core.sync.applied(conversation.id, conversation.lastSeq);
      return { conversationId: conversation.id };
    },
    'typing.start': async ({ conversationId }) => {
      await core.startTyping(conversationId);
      return {};
    },
  };
}

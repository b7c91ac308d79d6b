import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function messageHandlers({ core }: IpcHandlerDeps): HandlersOf<'messages'> & HandlersOf<'search'> {
  /** Answers once the cache shows the change, like the group handlers. */
  const applied = async (messageId: string, ack: Promise<{ seq: number }>) => {
    const { seq } = await ack;
    const conversationId = core.store.messages.get(messageId)?.conversationId;
    if (conversationId !== undefined) await core.sync.applied(conversationId, seq);
    return { seq };
  };
  return {
    'messages.sendText': ({ conversationId, text, ...extra }) => ({
      entry: core.sendText(conversationId, text, extra),
    }),
    'messages.retry': ({ clientMsgId }) => {
      core.retryOutgoing(clientMsgId);
      return {};
    },
    'messages.discard': async ({ clientMsgId }) => {
      await core.discardOutgoing(clientMsgId);
      return {};
    },
    'messages.edit': (request) => applied(request.messageId, core.sync.rpc('messages.edit', request)),
    'messages.recall': (request) => applied(request.messageId, core.sync.rpc('messages.recall', request)),
    'messages.react': ({ on, ...request }) =>
      applied(request.messageId, core.sync.rpc(on ? 'reactions.add' : 'reactions.remove', request)),
    'messages.deleteForMe': ({ conversationId, messageId }) => {
      core.hideMessage(conversationId, messageId);
      return {};
    },
    'messages.get': ({ conversationId, messageId }) => ({
      message: core.store.messages.shown(conversationId, messageId) ?? null,
    }),
    'search.messages': ({ query, conversationId, limit, offset }) =>
      core.search(query, {
        ...(conversationId === undefined ? {} : { conversationId }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      }),
  };
}

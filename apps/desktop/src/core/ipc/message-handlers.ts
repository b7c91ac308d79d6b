import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function messageHandlers({ core }: IpcHandlerDeps): HandlersOf<'messages'> {
  return {
    'messages.sendText': ({ conversationId, text, ...extra }) => ({
      entry: core.sendText(conversationId, text, extra),
    }),
    'messages.retry': ({ clientMsgId }) => {
      core.sync.retry(clientMsgId);
      return {};
    },
    'messages.discard': ({ clientMsgId }) => {
      core.sync.discard(clientMsgId);
      return {};
    },
    'messages.edit': (request) => core.sync.rpc('messages.edit', request),
    'messages.recall': (request) => core.sync.rpc('messages.recall', request),
    'messages.react': ({ on, ...request }) =>
      core.sync.rpc(on ? 'reactions.add' : 'reactions.remove', request),
  };
}

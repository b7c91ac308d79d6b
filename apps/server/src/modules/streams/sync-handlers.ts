import type { RpcHandlers } from '../../rpc-handlers.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { Streams } from './streams.js';

const DEFAULT_PAGE = 200;

/** Catch-up: where each stream stands, and pages of either kind of stream. */
export function syncHandlers(
  streams: Streams,
  conversations: ConversationsService,
): Pick<RpcHandlers, 'sync.heads' | 'sync.user' | 'sync.conversation'> {
  return {
    'sync.heads': (caller) => {
      const ids = conversations.store.conversationIdsOf(caller.userId);
      const heads = streams.conversationHeads(ids);
      return {
        userSeq: streams.userHead(caller.userId),
        conversations: ids.map((id) => ({
          conversationId: id as never,
          lastSeq: heads.get(id) ?? 0,
        })),
      };
    },
    'sync.user': (caller, req) => streams.readUser(caller.userId, req.afterSeq, req.limit ?? DEFAULT_PAGE),
    'sync.conversation': (caller, req) => {
      conversations.requireMember(req.conversationId, caller.userId);
      return streams.readConversation(req.conversationId, {
        afterSeq: req.afterSeq,
        beforeSeq: req.beforeSeq,
        limit: req.limit ?? DEFAULT_PAGE,
      });
    },
  };
}

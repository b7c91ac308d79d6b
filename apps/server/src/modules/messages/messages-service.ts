import type { Message, MessageContent, SendContent, SendMessageAck, TextContent } from '@parley/shared';
import { Limits } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { commit } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { requestHash } from '../../request-hash.js';
import type { RateLimits } from '../../rate-limits.js';
import type { RpcHandlers } from '../../rpc-handlers.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { FileMessages } from '../files/file-messages.js';
import type { Streams } from '../streams/streams.js';
import type { MessageRow, MessagesStore } from './messages-store.js';

/** The content as the client sent it, canonical, so a retry can be compared with the original. */
function sendHash(conversationId: string, content: SendContent): string {
  return requestHash(
    content.kind === 'text'
      ? [
          conversationId,
          content.kind,
          content.text,
          [...new Set(content.mentions ?? [])].sort(),
          content.mentionsAll ?? false,
          content.replyTo ?? null,
        ]
      : [
          conversationId,
          content.kind,
          content.fileId,
          'durationMs' in content ? content.durationMs : null,
          'waveform' in content ? content.waveform : null,
          'posterFileId' in content ? (content.posterFileId ?? null) : null,
          content.replyTo ?? null,
        ],
  );
}

/** A text content as stored: mentions filtered to members, empty ones left out. */
function storedText(content: TextContent, mentions: readonly string[], mentionsAll: boolean): TextContent {
  return {
    kind: 'text',
    text: content.text,
    ...(mentions.length > 0 ? { mentions: mentions as Message['senderId'][] } : {}),
    ...(mentionsAll ? { mentionsAll } : {}),
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
  };
}

const ackOf = (row: MessageRow): SendMessageAck => ({
  id: row.id as SendMessageAck['id'],
  seq: row.seq,
  createdAt: row.created_at,
});

/** Sending, editing, recalling and reacting. */
export class MessagesService {
  constructor(
    private readonly ctx: Context,
    private readonly streams: Streams,
    private readonly conversations: ConversationsService,
    private readonly store: MessagesStore,
    private readonly limits: RateLimits,
    private readonly files: FileMessages,
  ) {}

  handlers(): Pick<
    RpcHandlers,
    'messages.send' | 'messages.edit' | 'messages.recall' | 'reactions.add' | 'reactions.remove'
  > {
    return {
      'messages.send': async (caller, req) => {
        // A retry of a message already stored costs nothing: outboxes flush in bursts after a reconnect.
        if (!this.store.bySenderAndClientId(caller.userId, req.clientMsgId)) {
          await this.limits.consume('sendsPerUser', caller.userId);
        }
        return this.send(caller, req.conversationId, req.clientMsgId, req.content);
      },
      'messages.edit': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { row, memberIds, conversation } = this.requireMessage(caller, req.messageId);
          if (row.sender_id !== caller.userId)
            throw new AppError('NOT_AUTHOR', 'only the author can edit a message');
          if (row.content_json === null) throw new AppError('MESSAGE_RECALLED', 'that message was recalled');
          const previous = JSON.parse(row.content_json) as MessageContent;
          if (previous.kind !== 'text')
            throw new AppError('VALIDATION_FAILED', 'only text messages can be edited');
          const mentions = this.validMentions(req.mentions, memberIds);
          const mentionsAll = conversation.kind === 'group' && req.mentionsAll === true;
          const content = storedText({ ...previous, text: req.text }, mentions, mentionsAll);
          this.store.edit(row.id, content, mentions, mentionsAll, this.ctx.now());
          return {
            seq: this.streams.appendConversation(fx, memberIds, {
              conversationId: row.conversation_id,
              type: 'message.edited',
              actorId: caller.userId,
              messageId: row.id,
              data: {},
            }).seq,
          };
        }),
      'messages.recall': (caller, req) =>
        commit(this.ctx, (fx) => {
          // Taking one's words back stays possible after an unfriending or a block.
          const { row, memberIds, conversation, member } = this.requireMessage(
            caller,
            req.messageId,
            'recall',
          );
          if (row.recalled_at !== null)
            throw new AppError('MESSAGE_RECALLED', 'that message was recalled already');
          const moderator =
            conversation.kind === 'group' && (member.role === 'owner' || member.role === 'admin');
          if (!moderator) {
            if (row.sender_id !== caller.userId)
              throw new AppError('NOT_AUTHOR', 'only the author can recall a message');
            if (this.ctx.now() - row.created_at > Limits.recallWindowMs) {
              throw new AppError(
                'RECALL_WINDOW_EXPIRED',
                'messages can be recalled for 2 minutes after sending',
              );
            }
          }
          this.store.recall(row.id, caller.userId, this.ctx.now());
          this.files.release(fx, row.id);
          return {
            seq: this.streams.appendConversation(fx, memberIds, {
              conversationId: row.conversation_id,
              type: 'message.recalled',
              actorId: caller.userId,
              messageId: row.id,
              data: {},
            }).seq,
          };
        }),
      'reactions.add': (caller, req) => this.react(caller, req.messageId, req.emoji, 'add'),
      'reactions.remove': (caller, req) => this.react(caller, req.messageId, req.emoji, 'remove'),
    };
  }

  private async send(caller: Caller, conversationId: string, clientMsgId: string, content: SendContent) {
    const hash = sendHash(conversationId, content);
    if (content.kind !== 'text') await this.files.prepare(content);
    return commit(this.ctx, (fx): SendMessageAck => {
      // A retry of a send we already committed: answer as the first time, create nothing.
      const earlier = this.store.bySenderAndClientId(caller.userId, clientMsgId);
      if (earlier) {
        if (earlier.send_hash !== hash) {
          throw new AppError(
            'IDEMPOTENCY_CONFLICT',
            'this clientMsgId was already used for a different message',
          );
        }
        return ackOf(earlier);
      }
      const { conversation, memberIds } = this.conversations.requireWritable(conversationId, caller.userId);
      if (content.replyTo) {
        const target = this.store.byId(content.replyTo);
        if (target?.conversation_id !== conversationId) {
          throw new AppError('MESSAGE_NOT_FOUND', 'the message replied to is not in this conversation');
        }
      }
      let mentions: string[] = [];
      let mentionsAll = false;
      let stored: MessageContent;
      if (content.kind === 'text') {
        mentions = this.validMentions(content.mentions, memberIds);
        mentionsAll = conversation.kind === 'group' && content.mentionsAll === true;
        stored = storedText(content, mentions, mentionsAll);
      } else {
        stored = this.files.contentFor(caller.userId, conversationId, content);
      }
      const row: MessageRow = {
        id: randomUUID(),
        conversation_id: conversationId,
        seq: this.streams.conversationHead(conversationId) + 1,
        sender_id: caller.userId,
        client_msg_id: clientMsgId,
        send_hash: hash,
        kind: stored.kind,
        content_json: JSON.stringify(stored),
        mentions_all: mentionsAll ? 1 : 0,
        created_at: this.ctx.now(),
        edited_at: null,
        recalled_at: null,
        recalled_by: null,
      };
      this.store.insert(row, mentions);
      if (content.kind !== 'text') this.files.attach(row.id, conversationId, content);
      const event = this.streams.appendConversation(fx, memberIds, {
        conversationId,
        type: 'message.created',
        actorId: caller.userId,
        messageId: row.id,
        data: {},
      });
      if (event.seq !== row.seq) throw new Error('message seq and event seq diverged');
      return ackOf(row);
    });
  }

  private react(caller: Caller, messageId: string, emoji: string, op: 'add' | 'remove') {
    return commit(this.ctx, (fx) => {
      const { row, memberIds } = this.requireMessage(caller, messageId);
      if (row.recalled_at !== null) throw new AppError('MESSAGE_RECALLED', 'that message was recalled');
      const now = this.ctx.now();
      const changed =
        op === 'add'
          ? this.store.addReaction(row.id, caller.userId, emoji, now)
          : this.store.removeReaction(row.id, caller.userId, emoji);
      if (!changed) return { seq: this.streams.conversationHead(row.conversation_id) };
      return {
        seq: this.streams.appendConversation(fx, memberIds, {
          conversationId: row.conversation_id,
          type: op === 'add' ? 'reaction.added' : 'reaction.removed',
          actorId: caller.userId,
          messageId: row.id,
          data: { emoji },
        }).seq,
      };
    });
  }

  /** The message, if the caller may change things in its conversation. */
  private requireMessage(caller: Caller, messageId: string, purpose: 'change' | 'recall' = 'change') {
    const row = this.store.byId(messageId);
    if (!row) throw new AppError('MESSAGE_NOT_FOUND', 'no such message');
    try {
      const found =
        purpose === 'recall'
          ? this.conversations.requireMemberOfLive(row.conversation_id, caller.userId)
          : this.conversations.requireWritable(row.conversation_id, caller.userId);
      return { row, ...found };
    } catch (err) {
      // Not a member: the message does not exist as far as the caller can tell.
      if (err instanceof AppError && err.code === 'CONVERSATION_NOT_FOUND') {
        throw new AppError('MESSAGE_NOT_FOUND', 'no such message');
      }
      throw err;
    }
  }

  private validMentions(mentions: readonly string[] | undefined, memberIds: readonly string[]): string[] {
    const members = new Set(memberIds);
    return [...new Set(mentions ?? [])].filter((id) => members.has(id));
  }
}

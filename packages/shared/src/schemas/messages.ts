import { z } from 'zod';
import { ClientMsgId, ConversationId, MessageId, Seq, Timestamp, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { codePointLength } from './text.js';
import {
  FileContent,
  FileSend,
  ImageContent,
  ImageSend,
  VideoContent,
  VideoSend,
  VoiceContent,
  VoiceSend,
} from './files.js';

export const MessageText = z
  .string()
  .max(Limits.textMax * 2)
  .refine((s) => s.trim().length > 0, { error: 'must not be empty' })
  .refine((s) => codePointLength(s) <= Limits.textMax, {
    error: `must have at most ${Limits.textMax} characters`,
  });

const Mentions = z.array(UserId).max(Limits.mentionsMax);

/** What a text message says. */
export const TextContent = z.strictObject({
  kind: z.literal('text'),
  text: MessageText,
  /** Users @mentioned; ignored for users who are not members. */
  mentions: Mentions.optional(),
  /** @all; honoured in groups only. */
  mentionsAll: z.boolean().optional(),
  replyTo: MessageId.optional(),
});
export type TextContent = z.infer<typeof TextContent>;

/** What a message says, as stored and delivered: file kinds carry the server's FileInfo. */
export const MessageContent = z.discriminatedUnion('kind', [
  TextContent,
  ImageContent,
  FileContent,
  VoiceContent,
  VideoContent,
]);
export type MessageContent = z.infer<typeof MessageContent>;
export type MessageKind = MessageContent['kind'];

/** What a client sends: file kinds name a finished upload; the server fills in FileInfo. */
export const SendContent = z.discriminatedUnion('kind', [
  TextContent,
  ImageSend,
  FileSend,
  VoiceSend,
  VideoSend,
]);
export type SendContent = z.infer<typeof SendContent>;

export const Emoji = z
  .string()
  .min(1)
  .max(Limits.emojiMax)
  .refine((s) => !/[\s\u0000-\u001f]/.test(s), { error: 'must be one emoji' });

export const ReactionSummary = z.object({
  emoji: z.string(),
  userIds: z.array(UserId),
});

/**
 * A message as it is now. Every conversation event about a message carries
 * this snapshot, so applying events in any overlap converges on the same state.
 * A recalled message keeps no content: the text is gone from the server too.
 */
export const Message = z.object({
  id: MessageId,
  conversationId: ConversationId,
  seq: Seq,
  senderId: UserId,
  clientMsgId: ClientMsgId,
  content: MessageContent.nullable(),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  recalledAt: Timestamp.nullable(),
  recalledBy: UserId.nullable(),
  reactions: z.array(ReactionSummary),
});
export type Message = z.infer<typeof Message>;

export const SendMessageRequest = z.strictObject({
  conversationId: ConversationId,
  clientMsgId: ClientMsgId,
  content: SendContent,
});
export type SendMessageRequest = z.input<typeof SendMessageRequest>;

export const SendMessageAck = z.object({
  id: MessageId,
  seq: Seq,
  createdAt: Timestamp,
});
export type SendMessageAck = z.infer<typeof SendMessageAck>;

export const EditMessageRequest = z.strictObject({
  messageId: MessageId,
  text: MessageText,
  mentions: Mentions.optional(),
  mentionsAll: z.boolean().optional(),
});

export const MessageRef = z.strictObject({ messageId: MessageId });

export const ReactionRequest = z.strictObject({ messageId: MessageId, emoji: Emoji });

/** The acknowledgement of any change to a conversation: the seq of the event it made. */
export const EventAck = z.object({ seq: Seq });
export type EventAck = z.infer<typeof EventAck>;

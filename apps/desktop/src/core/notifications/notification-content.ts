import type { NotifyRequest } from '../desktop-core.js';
import type { ShellText } from '../i18n/shell-text.js';
import type { LocalStore } from '../store/local-store.js';
import { previewText } from './preview-text.js';

export interface NotificationContent {
  title: string;
  body: string;
  /** The sender's avatar file, once avatars exist; the shell falls back to the app icon. */
  avatarFileId: string | null;
}

const PREVIEW_MAX = 120;

/**
 * What a new-message notification says: the sender (and the group) as the title; the text as the
 * body, or only "New message" when previews are off, so nothing private shows on a locked screen.
 *
 * A merged notification (count > 1) is titled with the group's name in a group and puts the count
 * before the latest text, with the sender's name in a group: "[3 条] 爱丽丝: 午饭？", or "3 条新消息"
 * without a preview; "[有人@我]" goes first when any of the messages mentions me. A summary says
 * how many messages came in how many conversations.
 */
export function notificationContent(
  store: LocalStore,
  request: NotifyRequest,
  options: { preview: boolean; text: ShellText },
): NotificationContent {
  const t = options.text;
  if (request.kind === 'summary') {
    const body = t.summary(request.messageCount, request.conversationIds.length);
    return {
      title: t.summaryTitle,
      body: request.mention ? body + t.summaryMentioned : body,
      avatarFileId: null,
    };
  }
  const sender = store.users.get(request.senderId);
  const conversation = store.conversations.get(request.conversationId);
  const name = sender?.displayName ?? t.someone;
  const group = conversation?.kind === 'group' && conversation.name ? conversation.name : null;
  const content = options.preview ? store.messages.get(request.messageId)?.content : null;
  const text = content ? previewText(content, t) : undefined;
  const avatarFileId = sender?.avatarFileId ?? null;
  if (request.count <= 1) {
    const body = text ? previewOf(text) : request.mention ? t.mentionedYou : t.newMessage;
    return { title: group ? `${name} · ${group}` : name, body, avatarFileId };
  }
  const mention = request.mention ? `${t.mentionTag} ` : '';
  const body = text
    ? previewOf(`${t.countTag(request.count)} ${mention}${group ? `${name}: ` : ''}${text}`)
    : `${mention}${t.newMessages(request.count)}`;
  return { title: group ?? name, body, avatarFileId };
}

/** One line of at most PREVIEW_MAX characters (code points, so emoji are never cut in half). */
export function previewOf(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > PREVIEW_MAX ? chars.slice(0, PREVIEW_MAX - 1).join('') + '…' : chars.join('');
}

import type { NotifyRequest } from '../desktop-core.js';
import type { ShellText } from '../i18n/shell-text.js';
import type { LocalStore } from '../store/local-store.js';

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
 */
export function notificationContent(
  store: LocalStore,
  request: NotifyRequest,
  options: { preview: boolean; text: ShellText },
): NotificationContent {
  const sender = store.users.get(request.senderId);
  const conversation = store.conversations.get(request.conversationId);
  const name = sender?.displayName ?? options.text.someone;
  const title = conversation?.kind === 'group' && conversation.name ? `${name} · ${conversation.name}` : name;
  const text = store.messages.get(request.messageId)?.content?.text;
  const generic = request.mention ? options.text.mentionedYou : options.text.newMessage;
  const body = options.preview && text ? previewOf(text) : generic;
  return { title, body, avatarFileId: sender?.avatarFileId ?? null };
}

/** One line of at most PREVIEW_MAX characters (code points, so emoji are never cut in half). */
export function previewOf(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > PREVIEW_MAX ? chars.slice(0, PREVIEW_MAX - 1).join('') + '…' : chars.join('');
}

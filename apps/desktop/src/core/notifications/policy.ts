import type { Message } from '@parley/shared';

export interface NotificationContext {
  me: string;
  /** The conversation on screen, if the window is focused. */
  focusedConversationId: string | null;
  doNotDisturb: boolean;
  muted: boolean;
}

export type NotifyDecision = { notify: true; mention: boolean } | { notify: false; reason: NotifySkipReason };
export type NotifySkipReason = 'own' | 'focused' | 'muted' | 'dnd' | 'recalled';

/** Whether `message` mentions me by name or with @all. */
export function mentionsMe(message: Message, me: string): boolean {
  const c = message.content;
  if (c?.kind !== 'text') return false;
  return c.mentionsAll === true || (c.mentions ?? []).some((id) => id === me);
}

/**
 * Decides whether a new message should raise a notification. Never for my own messages or the
 * conversation I am looking at; muted conversations stay silent even for mentions; do-not-disturb
 * silences everything except an @mention of me.
 */
export function shouldNotify(message: Message, ctx: NotificationContext): NotifyDecision {
  if (message.senderId === ctx.me) return { notify: false, reason: 'own' };
  if (message.content === null) return { notify: false, reason: 'recalled' };
  if (ctx.focusedConversationId === message.conversationId) return { notify: false, reason: 'focused' };
  if (ctx.muted) return { notify: false, reason: 'muted' };
  const mention = mentionsMe(message, ctx.me);
  if (ctx.doNotDisturb && !mention) return { notify: false, reason: 'dnd' };
  return { notify: true, mention };
}

/** The badge number: unread messages in conversations that are not muted. */
export function badgeCount(conversations: readonly { unreadCount: number; muted: boolean }[]): number {
  return conversations.reduce((n, c) => n + (c.muted ? 0 : c.unreadCount), 0);
}

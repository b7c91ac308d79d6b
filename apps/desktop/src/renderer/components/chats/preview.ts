import type { ConversationSummary, OutboxEntry } from '@parley/shared';
import { SYSTEM_USER_ID } from '@parley/shared/system';
import { type FileTag, fileTagOf } from '../files/file-tag.js';

/** What a conversation row says under its title; the row turns it into words (see ConversationRow). */
export type Preview =
  | { kind: 'draft'; text: string }
  | { kind: 'text'; sender: string | null; text: string }
  /** A picture, file, voice or video message: "[Image]", "[File] a.pdf"… */
  | { kind: 'file'; sender: string | null; tag: FileTag }
  | { kind: 'recalled'; by: 'me' | 'someone'; name: string }
  /** Removed by the server's retention period. */
  | { kind: 'expired' }
  | { kind: 'other'; sender: string | null }
  | { kind: 'dissolved' }
  | { kind: 'left' }
  | { kind: 'removed' }
  | { kind: 'empty' };

/** One line of text: newlines and runs of spaces become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface PreviewContext {
  me: string | null;
  /** A user's display name, or '' when it is not known yet. */
  nameOf: (userId: string) => string;
  /** The conversation is on screen, where the composer itself shows the draft. */
  isOpen: boolean;
  /** My newest unsent message in the conversation, if any. */
  outgoing: OutboxEntry | null;
}

/**
 * The preview of a row. A draft wins (unless the conversation is open), then why nothing more can
 * be sent, then the newest message: mine still in the outbox, or the last one the server has. In
 * groups a message from someone else starts with their name.
 */
export function buildPreview(c: ConversationSummary, ctx: PreviewContext): Preview {
  const draft = c.draft === null ? '' : oneLine(c.draft);
  if (draft !== '' && !ctx.isOpen) return { kind: 'draft', text: draft };
  if (c.leftReason === 'left') return { kind: 'left' };
  if (c.leftReason === 'removed') return { kind: 'removed' };
  if (c.dissolvedAt !== null) return { kind: 'dissolved' };
  const m = c.lastMessage;
  const out = ctx.outgoing;
  if (out && (!m || out.createdAt >= m.createdAt)) {
    if (out.content.kind !== 'text') return { kind: 'file', sender: null, tag: fileTagOf(out.content) };
    return { kind: 'text', sender: null, text: oneLine(out.content.text) };
  }
  if (!m) return { kind: 'empty' };
  if (m.recalledAt !== null) {
    const by = m.recalledBy ?? m.senderId;
    if (by === SYSTEM_USER_ID) return { kind: 'expired' };
    return by === ctx.me
      ? { kind: 'recalled', by: 'me', name: '' }
      : { kind: 'recalled', by: 'someone', name: ctx.nameOf(by) };
  }
  const name = ctx.nameOf(m.senderId);
  const sender = c.kind === 'group' && m.senderId !== ctx.me && name !== '' ? name : null;
  if (m.content === null) return { kind: 'other', sender };
  if (m.content.kind !== 'text') return { kind: 'file', sender, tag: fileTagOf(m.content) };
  return { kind: 'text', sender, text: oneLine(m.content.text) };
}

/** When the row's conversation last moved: its last activity, or my newer unsent message. */
export function rowTime(c: ConversationSummary, outgoing: OutboxEntry | null): number {
  return Math.max(c.lastActivityAt, outgoing?.createdAt ?? 0);
}

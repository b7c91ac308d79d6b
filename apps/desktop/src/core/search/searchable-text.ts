import type { MessageContent } from '@parley/shared';

/** What search finds a message by: a text message's text, a file message's file name. */
export function searchableText(content: MessageContent | null): string | null {
  if (content === null) return null;
  if (content.kind === 'text') return content.text;
  return content.kind === 'file' ? content.file.name : null;
}

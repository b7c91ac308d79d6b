import type { MessageContent } from '@parley/shared';

/** The text of a text message; undefined for file messages and recalled ones. */
export function textOf(content: MessageContent | null | undefined): string | undefined {
  return content?.kind === 'text' ? content.text : undefined;
}

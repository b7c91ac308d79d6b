/** The text of a text message's content; null for a file message or a recalled one. */
export function textOf(content: { kind: string; text?: string } | null | undefined): string | null {
  return content?.kind === 'text' ? (content.text ?? null) : null;
}

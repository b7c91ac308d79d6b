import type { MessageContent, OutboxEntry } from '@parley/shared';
import type { TFunction } from 'i18next';
import { formatDuration } from './format.js';

/** What a file message is called in one line (chat list, reply quotes): "[Image]", "[File] a.pdf"… */
export type FileTag =
  | { kind: 'image' }
  | { kind: 'file'; name: string }
  | { kind: 'voice'; durationMs: number }
  | { kind: 'video' };

/** Any content a message or an unsent message can have. */
export type AnyContent = MessageContent | OutboxEntry['content'];
/** The contents that carry a file (sent, or still uploading). */
export type FileBearing = Exclude<AnyContent, { kind: 'text' }>;

/** The tag of a file message's content. */
export function fileTagOf(content: FileBearing): FileTag {
  switch (content.kind) {
    case 'image':
    case 'video':
      return { kind: content.kind };
    case 'file':
      return { kind: 'file', name: 'file' in content ? content.file.name : content.name };
    case 'voice':
      return { kind: 'voice', durationMs: content.durationMs ?? 0 };
  }
}

export function fileTagText(t: TFunction<'files'>, tag: FileTag): string {
  switch (tag.kind) {
    case 'image':
      return t('tag.image');
    case 'video':
      return t('tag.video');
    case 'file':
      return t('tag.file', { name: tag.name });
    case 'voice':
      return t('tag.voice', { duration: formatDuration(tag.durationMs) });
  }
}

/** A content as one line: the text itself, or its file tag. */
export function contentLine(t: TFunction<'files'>, content: AnyContent): string {
  return content.kind === 'text' ? content.text : fileTagText(t, fileTagOf(content));
}

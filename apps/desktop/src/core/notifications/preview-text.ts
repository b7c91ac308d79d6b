import type { MessageContent } from '@parley/shared';
import type { ShellText } from '../i18n/shell-text.js';

/** m:ss (h:mm:ss from an hour on), rounded down to the second. */
export function clockDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A message as one line of text: its text, or a tag for a file message ("[文件] a.pdf", "[Voice] 0:12"). */
export function previewText(content: MessageContent, t: ShellText): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'image':
      return t.imageTag;
    case 'file':
      return `${t.fileTag} ${content.file.name}`;
    case 'voice':
      return `${t.voiceTag} ${clockDuration(content.durationMs)}`;
    case 'video':
      return t.videoTag;
  }
}

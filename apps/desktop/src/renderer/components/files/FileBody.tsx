import type { Message, OutboxEntry } from '@parley/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { FileCard, PendingFileCard } from './FileCard.js';
import { fileUrl, outgoingUrl } from './file-urls.js';
import { fitImageBox } from './image-box.js';
import { ImageMedia } from './ImageMedia.js';
import { UploadStatusLine } from './UploadStatusLine.js';
import { VideoMedia } from './VideoMedia.js';
import { VoicePlayer } from './VoicePlayer.js';

/** How a bubble holding a file is drawn around it. */
export type FileBubbleStyle = 'media' | 'card' | 'voice';

export function fileBubbleStyle(
  kind: 'image' | 'file' | 'voice' | 'video',
  hasThumbnail = true,
): FileBubbleStyle {
  if (kind === 'voice') return 'voice';
  if (kind === 'video' || (kind === 'image' && hasThumbnail)) return 'media';
  return 'card';
}

/** A file message of mine still being sent: my local copy as the preview, and the upload's progress. */
export function PendingFileBody({ entry, meta }: { entry: OutboxEntry; meta: ReactNode }) {
  const { t } = useTranslation('files');
  const c = entry.content;
  if (c.kind === 'text') return null;
  switch (c.kind) {
    case 'image':
      return (
        <ImageMedia
          src={outgoingUrl(entry.clientMsgId)}
          box={fitImageBox(c.width, c.height)}
          label={t('image.label', { name: c.name })}
        >
          <UploadStatusLine entry={entry} overlay />
          {meta}
        </ImageMedia>
      );
    case 'voice':
      return (
        <>
          <VoicePlayer
            src={outgoingUrl(entry.clientMsgId)}
            durationMs={c.durationMs ?? 0}
            waveform={c.waveform ?? []}
          >
            {meta}
          </VoicePlayer>
          <UploadStatusLine entry={entry} />
        </>
      );
    case 'video':
    case 'file':
      return <PendingFileCard entry={entry} meta={meta} />;
  }
}

/** A sent file message: picture, file card, voice or video. */
export function SentFileBody({ message, meta }: { message: Message; meta: ReactNode }) {
  const { t } = useTranslation('files');
  const openViewer = useStore((s) => s.openViewer);
  const c = message.content;
  if (!c || c.kind === 'text') return null;
  const ref = { conversationId: message.conversationId, messageId: message.id };
  switch (c.kind) {
    case 'image':
      if (!c.file.hasThumbnail) return <FileCard fileRef={ref} file={c.file} meta={meta} />;
      return (
        <ImageMedia
          src={fileUrl(c.file.id, 'thumbnail')}
          box={fitImageBox(c.file.width, c.file.height)}
          label={t('image.label', { name: c.file.name })}
          onOpen={() => openViewer(message.conversationId, message.id)}
        >
          {meta}
        </ImageMedia>
      );
    case 'voice':
      return (
        <VoicePlayer src={fileUrl(c.file.id, 'original')} durationMs={c.durationMs} waveform={c.waveform}>
          {meta}
        </VoicePlayer>
      );
    case 'video':
      return <VideoMedia content={c} meta={meta} />;
    case 'file':
      return <FileCard fileRef={ref} file={c.file} meta={meta} />;
  }
}

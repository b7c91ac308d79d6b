import type { VideoContent } from '@parley/shared';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import { fileUrl } from './file-urls.js';
import { formatDuration } from './format.js';
import { fitImageBox } from './image-box.js';

const videoBox = { width: 320, height: 180 };

/** A video message: its poster (or a dark frame) with its length; a click plays it right there. */
export function VideoMedia({ content, meta }: { content: VideoContent; meta: ReactNode }) {
  const { t } = useTranslation('files');
  const [playing, setPlaying] = useState(false);
  const { file, poster } = content;
  const box = file.width && file.height ? fitImageBox(file.width, file.height) : videoBox;
  const style = { width: box.width, height: box.height };
  if (playing) {
    return (
      <div className="file-video" style={style}>
        <video
          className="file-video-player"
          src={fileUrl(file.id, 'original')}
          controls
          autoPlay
          aria-label={t('video.label', { name: file.name })}
        />
      </div>
    );
  }
  return (
    <button
      type="button"
      className="file-video"
      style={style}
      aria-label={t('video.play', { name: file.name })}
      onClick={() => setPlaying(true)}
    >
      {poster?.hasThumbnail && (
        <img className="file-image-img" src={fileUrl(poster.id, 'thumbnail')} alt="" draggable={false} />
      )}
      <span className="file-video-play">
        <Icon name="play" size={26} filled />
      </span>
      {content.durationMs > 0 && (
        <span className="file-video-length">{formatDuration(content.durationMs)}</span>
      )}
      {meta}
    </button>
  );
}

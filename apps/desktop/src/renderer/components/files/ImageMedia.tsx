import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import type { Box } from './image-box.js';

/**
 * A picture in a message, in a box of its final size from the start (so rows never jump). When its
 * source changes (my own copy → the server's thumbnail once sent), the picture on screen stays,
 * the same element, until the new one has loaded. `onOpen` lays a button over it (the viewer);
 * `children` lie over it too.
 */
export function ImageMedia({
  src,
  box,
  label,
  onOpen,
  children,
}: {
  src: string;
  box: Box;
  label: string;
  onOpen?: (() => void) | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation('files');
  const [shown, setShown] = useState<string | null>(null);
  const [broken, setBroken] = useState<string | null>(null);
  const urls = [...(shown !== null && shown !== src ? [shown] : []), ...(broken === src ? [] : [src])];
  return (
    <div className="file-image" style={{ width: box.width, height: box.height }}>
      {urls.map((url) => (
        <img
          key={url}
          className={`file-image-img${shown === url ? '' : ' file-image-loading'}`}
          src={url}
          alt={url === src ? label : ''}
          draggable={false}
          onLoad={() => {
            if (url === src) setShown(src);
          }}
          onError={() => {
            if (url === src) setBroken(src);
          }}
        />
      ))}
      {broken === src && shown === null && (
        <span className="file-image-missing" title={t('image.unavailable')}>
          <Icon name="image" size={28} />
        </span>
      )}
      {onOpen && <button type="button" className="file-image-open" aria-label={label} onClick={onOpen} />}
      {children}
    </div>
  );
}

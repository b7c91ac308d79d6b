import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import type { Attachment } from '../../store/transfers.js';
import { Icon } from '../common/Icon.js';
import { FileTile } from '../files/FileCard.js';
import { formatSize } from '../files/format.js';

const none: Attachment[] = [];

/** Files picked, pasted or dropped for this conversation: they go out with the next Send. */
export function AttachmentChips({ conversationId, locale }: { conversationId: string; locale: string }) {
  const { t } = useTranslation('files');
  const attachments = useStore((s) => s.attachments[conversationId] ?? none);
  const remove = useStore((s) => s.removeAttachment);
  if (attachments.length === 0) return null;
  return (
    <ul className="composer-chips" aria-label={t('composer.attachments')}>
      {attachments.map((a) => (
        <li key={a.id} className="composer-chip">
          <FileTile name={a.name} mime={a.type} />
          <span className="composer-chip-text">
            <span className="composer-chip-name" title={a.name}>
              {a.name}
            </span>
            <span className="composer-chip-size">{formatSize(a.size, locale)}</span>
          </span>
          <button
            type="button"
            className="composer-chip-remove"
            aria-label={t('composer.remove', { name: a.name })}
            title={t('composer.remove', { name: a.name })}
            onClick={() => remove(conversationId, a.id)}
          >
            <Icon name="close" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}

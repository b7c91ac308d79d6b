import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import type { Attachment } from '../../store/transfers.js';
import { Icon } from '../common/Icon.js';

const none: Attachment[] = [];

function sizeText(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Files pasted, dropped or picked for this conversation, with a note that sending them comes later. */
export function AttachmentChips({ conversationId, locale }: { conversationId: string; locale: string }) {
  const { t } = useTranslation('conversation');
  const attachments = useStore((s) => s.attachments[conversationId] ?? none);
  const remove = useStore((s) => s.removeAttachment);
  if (attachments.length === 0) return null;
  return (
    <div className="composer-attachments">
      <ul className="composer-chips">
        {attachments.map((a) => (
          <li key={a.id} className="composer-chip">
            <Icon name="paperclip" size={14} />
            <span className="composer-chip-name" title={a.name}>
              {a.name}
            </span>
            <span className="composer-chip-size">{sizeText(a.size, locale)}</span>
            <button
              type="button"
              className="composer-chip-remove"
              aria-label={t('composer.removeAttachment', { name: a.name })}
              onClick={() => remove(conversationId, a.id)}
            >
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      <p className="composer-note">{t('composer.attachmentsNote')}</p>
    </div>
  );
}

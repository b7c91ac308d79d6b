import { useTranslation } from 'react-i18next';
import { useConversation } from './context.js';

/** Shown where the conversation starts: above its first item, or alone while it has none. */
export function Beginning({ empty = false }: { empty?: boolean }) {
  const { t } = useTranslation('conversation');
  const { kind, title } = useConversation();
  return (
    <div className="conv-beginning">
      <p>
        {kind === 'group'
          ? t('list.beginningGroup', { name: title })
          : t('list.beginningDirect', { name: title })}
      </p>
      {empty && <p className="muted">{t('list.empty')}</p>}
    </div>
  );
}

import type { SystemEvent } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useConversation } from './context.js';
import { systemText } from './system-text.js';

/** A member joined, left, the group was renamed…: a centred line in the timeline. */
export function SystemLine({ event }: { event: SystemEvent }) {
  const { t } = useTranslation('conversation');
  const { meId, nameOf, locale } = useConversation();
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const text = systemText(
    t,
    event,
    (id, role) =>
      id === meId
        ? t(role === 'subject' ? 'system.youSubject' : 'system.youObject')
        : t('system.person', { name: nameOf(id) }),
    (names) => list.format(names),
  );
  return (
    <div className="msg-notice" role="note">
      {text}
    </div>
  );
}

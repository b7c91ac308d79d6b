import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageItem } from '../message/MessageItem.js';
import { Beginning } from './Beginning.js';
import { useConversation } from './context.js';
import { dayLabel } from './day-label.js';
import { SystemLine } from './SystemLine.js';
import type { TimelineRow } from './timeline-rows.js';

/** "Conversation started" in a direct chat says no more than the beginning notice above it. */
function startsDirectChat(row: TimelineRow): boolean {
  return (
    row.item.kind === 'system' &&
    row.item.event.type === 'conversation.created' &&
    row.item.event.kind === 'direct'
  );
}

/** One row of the list: its day separator and the unread divider when they fall here, then the item. */
export const TimelineRowView = memo(function TimelineRowView({
  row,
  now,
  beginning,
}: {
  row: TimelineRow;
  now: number;
  /** The first item of the conversation: the "beginning of the conversation" notice goes above it. */
  beginning: boolean;
}) {
  const { t } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const { locale } = useConversation();
  return (
    <div className={`tl-row${row.groupStart ? ' tl-row-start' : ''}${row.groupEnd ? ' tl-row-end' : ''}`}>
      {beginning && <Beginning />}
      {row.dayStart && (
        <div className="tl-day" role="separator">
          <span>
            {dayLabel(row.createdAt, now, locale, {
              today: tc('time.today'),
              yesterday: tc('time.yesterday'),
            })}
          </span>
        </div>
      )}
      {row.unreadDivider && (
        <div className="tl-unread" role="separator" aria-label={t('list.newMessages')}>
          <span>{t('list.newMessages')}</span>
        </div>
      )}
      {row.item.kind !== 'system' ? (
        <MessageItem row={row} />
      ) : startsDirectChat(row) ? null : (
        <SystemLine event={row.item.event} />
      )}
    </div>
  );
});

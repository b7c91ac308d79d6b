import type { ConversationSummary, PresenceStatus } from '@parley/shared';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { fileTagText } from '../files/file-tag.js';
import { listTime } from './list-time.js';
import type { Preview } from './preview.js';

export interface RowModel {
  conversation: ConversationSummary;
  preview: Preview;
  time: number;
  /** My unsent messages here: 'failed' when the server refused one. */
  outbox: 'pending' | 'failed' | null;
  /** The other person's presence in a direct chat. */
  presence: PresenceStatus | undefined;
  avatarId: string;
}

function PreviewText({ preview }: { preview: Preview }) {
  const { t } = useTranslation('chats');
  const { t: tf } = useTranslation('files');
  switch (preview.kind) {
    case 'draft':
      return (
        <>
          <span className="chats-row-flag">{t('preview.draft')}</span> {preview.text}
        </>
      );
    case 'text':
    case 'other':
      return (
        <>
          {preview.sender !== null && t('preview.sender', { name: preview.sender })}
          {preview.kind === 'text' ? preview.text : t('preview.message')}
        </>
      );
    case 'file':
      return (
        <>
          {preview.sender !== null && t('preview.sender', { name: preview.sender })}
          {fileTagText(tf, preview.tag)}
        </>
      );
    case 'recalled':
      if (preview.by === 'me') return <>{t('preview.recalledByMe')}</>;
      return (
        <>{preview.name === '' ? t('preview.recalled') : t('preview.recalledBy', { name: preview.name })}</>
      );
    case 'expired':
    case 'dissolved':
    case 'left':
    case 'removed':
    case 'empty':
      return <>{t(`preview.${preview.kind}`)}</>;
  }
}

/** One conversation in the list: avatar, title, time, preview and its marks. */
export const ConversationRow = memo(function ConversationRow({
  row,
  active,
  focusable,
  now,
  locale,
  onOpen,
  onMenu,
  onKeyDown,
}: {
  row: RowModel;
  active: boolean;
  focusable: boolean;
  now: number;
  locale: string;
  onOpen: (id: string) => void;
  onMenu: (id: string, x: number, y: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>, id: string) => void;
}) {
  const { t } = useTranslation('chats');
  const { t: tc } = useTranslation();
  const c = row.conversation;
  const unread = c.unreadCount;
  const mention = c.mentioned && unread > 0;
  const classes = ['chats-row'];
  if (c.pinned) classes.push('chats-row-pinned');
  if (active) classes.push('chats-row-active');
  return (
    <div
      role="option"
      aria-selected={active}
      tabIndex={focusable ? 0 : -1}
      data-conversation-id={c.id}
      className={classes.join(' ')}
      onClick={() => onOpen(c.id)}
      onKeyDown={(e) => onKeyDown(e, c.id)}
      onContextMenu={(e: MouseEvent) => {
        e.preventDefault();
        onMenu(c.id, e.clientX, e.clientY);
      }}
    >
      <Avatar
        id={row.avatarId}
        name={c.title}
        size={42}
        group={c.kind === 'group'}
        presence={row.presence}
        fileId={c.kind === 'group' ? c.avatarFileId : undefined}
      />
      <div className="chats-row-body">
        <div className="chats-row-line">
          <span className="chats-row-title truncate">{c.title}</span>
          <time className="chats-row-time" dateTime={new Date(row.time).toISOString()}>
            {row.time > 0 ? listTime(row.time, now, locale, { yesterday: tc('time.yesterday') }) : ''}
          </time>
        </div>
        <div className="chats-row-line">
          <span className="chats-row-preview">
            {row.outbox === 'failed' && (
              <span className="chats-row-outbox chats-row-failed">
                <Icon name="alert" size={14} label={t('marks.failed')} />
              </span>
            )}
            {row.outbox === 'pending' && (
              <span className="chats-row-outbox">
                <Icon name="clock" size={14} label={t('marks.sending')} />
              </span>
            )}
            {mention && <span className="chats-row-flag">{t('preview.mention')} </span>}
            <PreviewText preview={row.preview} />
          </span>
          <span className="chats-row-marks">
            {c.pinned && <span className="visually-hidden">{t('marks.pinned')}</span>}
            {c.muted && (
              <span className="chats-row-mark">
                <Icon name="mute" size={14} label={t('marks.muted')} />
              </span>
            )}
            {unread > 0 &&
              (c.muted ? (
                <span className="chats-row-dot" role="img" aria-label={t('marks.mutedUnread')} />
              ) : (
                <span className="chats-row-badge count-badge">
                  <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                  <span className="visually-hidden">{t('marks.unread', { count: unread })}</span>
                </span>
              ))}
          </span>
        </div>
      </div>
    </div>
  );
});

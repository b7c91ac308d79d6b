import type { Message, TimelineItem } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { SYSTEM_USER_ID } from '@parley/shared/system';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Avatar } from '../common/Avatar.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { messageErrorText } from './message-error.js';
import { Icon } from '../common/Icon.js';
import { EmojiPicker } from '../composer/EmojiPicker.js';
import { useConversation } from '../conversation/context.js';
import { fileBubbleStyle, PendingFileBody, SentFileBody } from '../files/FileBody.js';
import { useFileCommands } from '../files/use-file-commands.js';
import { fullTimeLabel, timeLabel } from '../conversation/day-label.js';
import type { TimelineRow } from '../conversation/timeline-rows.js';
import { emojiOnlyCount } from './emoji-only.js';
import { MessageMenu } from './MessageMenu.js';
import { MessageText } from './MessageText.js';
import { type Anchor, anchorOf, Popover } from './Popover.js';
import { quickReactions } from './quick-reactions.js';
import { ReactionChips } from './ReactionChips.js';
import { OutboxMark, ReceiptMark } from './ReceiptMark.js';
import { ReplyQuote } from './ReplyQuote.js';
import { useMessageActions } from './use-message-actions.js';
import './message.css';

type Bubble = Exclude<TimelineItem, { kind: 'system' }>;

/** A message (sent, sending or failed) in the list; recalled ones are a one-line notice. */
export const MessageItem = memo(function MessageItem({ row }: { row: TimelineRow }) {
  const item = row.item;
  if (item.kind === 'system') return null;
  if (item.kind === 'message' && item.message.recalledAt !== null)
    return <RecalledLine message={item.message} />;
  return <MessageBubble row={row} item={item} />;
});

function RecalledLine({ message }: { message: Message }) {
  const { t } = useTranslation('conversation');
  const { meId, nameOf } = useConversation();
  const by = message.recalledBy ?? message.senderId;
  return (
    <div className="msg-notice" role="note">
      {by === SYSTEM_USER_ID
        ? t('message.expired')
        : by === meId
          ? t('message.recalledByMe')
          : t('message.recalledBy', { name: nameOf(by) })}
    </div>
  );
}

type Layer =
  { kind: 'menu'; anchor: Anchor; at: number } | { kind: 'react' | 'picker'; anchor: Anchor } | null;

function MessageBubble({ row, item }: { row: TimelineRow; item: Bubble }) {
  const { t } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const ctx = useConversation();
  const recall = useStore((s) => s.recallMessage);
  const [layer, setLayer] = useState<Layer>(null);
  const [confirmRecall, setConfirmRecall] = useState(false);
  const content = item.kind === 'outgoing' ? item.entry.content : item.message.content;
  const sentFile =
    item.kind === 'message' && content && content.kind !== 'text' && 'file' in content ? content.file : null;
  const files = useFileCommands(
    sentFile && item.kind === 'message'
      ? { conversationId: ctx.conversationId, messageId: item.message.id }
      : null,
    sentFile,
  );
  const { actions, react, message } = useMessageActions(
    item,
    () => setConfirmRecall(true),
    layer?.kind === 'menu' ? layer.at : 0,
    sentFile ? files : null,
  );

  if (!content) return null;
  const own = row.own;
  const senderId = row.senderId ?? ctx.meId;
  const senderName = ctx.nameOf(senderId);
  const text = content.kind === 'text' ? content : null;
  const large = text ? emojiOnlyCount(text.text) : 0;
  const mentionNames = (text?.mentions ?? []).map((id) => ({ userId: id, name: ctx.nameOf(id) }));
  const mentionsMe =
    !own &&
    text !== null &&
    ((text.mentions ?? []).some((id) => id === ctx.meId) ||
      (text.mentionsAll === true && ctx.kind === 'group'));
  const outbox = item.kind === 'outgoing' ? item.entry : null;
  const time = timeLabel(row.createdAt, ctx.locale);
  const bubbleStyle =
    content.kind === 'text'
      ? null
      : fileBubbleStyle(content.kind, 'file' in content ? content.file.hasThumbnail : true);
  const meta = (
    <span className="msg-meta">
      {item.kind === 'message' && item.message.editedAt !== null && (
        <span className="msg-edited">{t('message.edited')}</span>
      )}
      <time dateTime={new Date(row.createdAt).toISOString()} title={fullTimeLabel(row.createdAt, ctx.locale)}>
        {time}
      </time>
    </span>
  );

  const openMenu = (anchor: Anchor) => setLayer({ kind: 'menu', anchor, at: Date.now() });
  const closeLayer = () => setLayer(null);
  const reactWith = (emoji: string) => {
    if (!react || !message) return;
    const mine = message.reactions.some((r) => r.emoji === emoji && r.userIds.some((id) => id === ctx.meId));
    react(emoji, !mine);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      openMenu(anchorOf(e.currentTarget.querySelector('.msg-bubble') ?? e.currentTarget));
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      focusSibling(e.currentTarget, e.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <div
      className={[
        'msg',
        own ? 'msg-own' : 'msg-other',
        row.groupStart ? 'msg-first' : '',
        row.groupEnd ? 'msg-last' : '',
        ctx.highlightKey === row.key ? 'msg-highlight' : '',
        mentionsMe ? 'msg-mentions-me' : '',
      ].join(' ')}
      role="article"
      aria-label={`${own ? tc('you') : senderName}, ${time}`}
      tabIndex={0}
      data-row-key={row.key}
      onContextMenu={(e) => {
        e.preventDefault();
        openMenu({ x: e.clientX, y: e.clientY });
      }}
      onKeyDown={onKeyDown}
    >
      {!own && (
        <div className="msg-gutter">
          {row.groupStart && (
            <button
              type="button"
              className="msg-avatar"
              tabIndex={-1}
              aria-label={senderName}
              onClick={() => ctx.openProfile(senderId)}
            >
              <Avatar id={senderId} name={senderName} size={36} />
            </button>
          )}
        </div>
      )}
      <div className="msg-body">
        {!own && row.groupStart && ctx.kind === 'group' && (
          <button
            type="button"
            className="msg-sender"
            tabIndex={-1}
            onClick={() => ctx.openProfile(senderId)}
          >
            {senderName}
          </button>
        )}
        <div className="msg-line">
          <div
            className={[
              'msg-bubble',
              large > 0 ? `msg-bubble-emoji msg-emoji-${large}` : '',
              bubbleStyle ? `msg-bubble-${bubbleStyle}` : '',
              bubbleStyle && bubbleStyle !== 'voice' && content.replyTo ? 'msg-bubble-quoted' : '',
              outbox?.state === 'failed' ? 'msg-bubble-failed' : '',
            ].join(' ')}
          >
            {content.replyTo && <ReplyQuote messageId={content.replyTo} />}
            {text ? (
              <>
                <span className="msg-text">
                  <MessageText
                    text={text.text}
                    mentions={mentionNames}
                    mentionsAll={text.mentionsAll === true}
                    meId={ctx.meId}
                    onMentionClick={ctx.openProfile}
                  />
                </span>
                {meta}
              </>
            ) : item.kind === 'outgoing' ? (
              <PendingFileBody entry={item.entry} meta={meta} />
            ) : (
              <SentFileBody message={item.message} meta={meta} />
            )}
          </div>
          {own && (
            <span className="msg-status">
              {outbox ? (
                <OutboxMark state={outbox.state} />
              ) : (
                item.kind === 'message' && <ReceiptMark seq={item.seq} />
              )}
            </span>
          )}
          {(actions.length > 0 || react) && (
            <div className="msg-toolbar" role="toolbar" aria-label={t('actions.toolbar')}>
              {react && (
                <button
                  type="button"
                  className="icon-btn msg-tool"
                  tabIndex={-1}
                  aria-label={t('actions.react')}
                  title={t('actions.react')}
                  onClick={(e) => setLayer({ kind: 'react', anchor: anchorOf(e.currentTarget) })}
                >
                  <Icon name="smile" size={16} />
                </button>
              )}
              {actions.some((a) => a.key === 'reply') && message && (
                <button
                  type="button"
                  className="icon-btn msg-tool"
                  tabIndex={-1}
                  aria-label={t('actions.reply')}
                  title={t('actions.reply')}
                  onClick={() => ctx.reply(message)}
                >
                  <Icon name="reply" size={16} />
                </button>
              )}
              <button
                type="button"
                className="icon-btn msg-tool"
                tabIndex={-1}
                aria-label={t('actions.more')}
                title={t('actions.more')}
                onClick={(e) => openMenu(anchorOf(e.currentTarget))}
              >
                <Icon name="more" size={16} />
              </button>
            </div>
          )}
        </div>
        {message && <ReactionChips message={message} />}
        {outbox?.state === 'failed' && (
          <div className="msg-failed" role="alert">
            <span>
              {outbox.error
                ? t('message.failedWhy', { reason: messageErrorText(t, tc, new IpcError(outbox.error)) })
                : t('message.failed')}
            </span>
            {actions
              .filter((a) => a.key === 'retry' || a.key === 'discard')
              .map((a) => (
                <button key={a.key} type="button" className="msg-failed-action" onClick={a.run}>
                  {a.label}
                </button>
              ))}
          </div>
        )}
      </div>

      {layer?.kind === 'menu' && (
        <MessageMenu
          anchor={layer.anchor}
          actions={actions}
          onReact={react ? reactWith : null}
          onMoreReactions={react ? () => setLayer({ kind: 'picker', anchor: layer.anchor }) : null}
          onClose={closeLayer}
        />
      )}
      {layer?.kind === 'react' && (
        <Popover
          anchor={layer.anchor}
          onClose={closeLayer}
          label={t('actions.react')}
          className="msg-react-pop"
        >
          {quickReactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="msg-menu-emoji"
              aria-label={t('actions.reactWith', { emoji })}
              onClick={() => {
                closeLayer();
                reactWith(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
          <button
            type="button"
            className="msg-menu-emoji msg-menu-more"
            aria-label={t('actions.moreReactions')}
            title={t('actions.moreReactions')}
            onClick={() => setLayer({ kind: 'picker', anchor: layer.anchor })}
          >
            <Icon name="plus" size={16} />
          </button>
        </Popover>
      )}
      {layer?.kind === 'picker' && (
        <Popover anchor={layer.anchor} onClose={closeLayer} label={t('emoji.picker')}>
          <EmojiPicker
            onPick={(emoji) => {
              closeLayer();
              reactWith(emoji);
            }}
          />
        </Popover>
      )}
      {files.confirm}
      {confirmRecall && message && (
        <ConfirmDialog
          title={t('actions.recallTitle')}
          body={<p>{t('actions.recallBody', { minutes: Limits.recallWindowMs / 60_000 })}</p>}
          confirmLabel={t('actions.recallConfirm')}
          onConfirm={() => recall(ctx.conversationId, message.id)}
          onClose={() => setConfirmRecall(false)}
          describeError={(err) => messageErrorText(t, tc, err)}
        />
      )}
    </div>
  );
}

/** Arrow keys move between messages, as in a list. */
function focusSibling(row: HTMLElement, step: -1 | 1): void {
  const list = row.closest('[data-message-list]');
  if (!list) return;
  const rows = [...list.querySelectorAll<HTMLElement>('[data-row-key]')];
  const next = rows[rows.indexOf(row) + step];
  if (next) {
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
}

import type { ConversationSummary } from '@parley/shared';
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { shownPresence } from '../../store/people.js';
import { errorText } from '../common/error-text.js';
import { Icon } from '../common/Icon.js';
import { ConversationRow, type RowModel } from './ConversationRow.js';
import { Menu, type MenuItem } from './Menu.js';
import { buildPreview, rowTime } from './preview.js';
import { useNow } from './use-now.js';

/** The rows of the list, with everything each one shows worked out from the store. */
function useRows(): RowModel[] {
  const conversations = useStore((s) => s.conversations);
  const users = useStore((s) => s.users);
  const presence = useStore(shownPresence);
  const me = useStore((s) => s.me?.id ?? null);
  const active = useStore((s) => (s.view === 'chats' ? s.activeConversationId : null));
  return useMemo(
    () =>
      conversations.map((c): RowModel => {
        const outgoing = c.newestOutgoing;
        const other = c.kind === 'direct' ? c.members.find((m) => m.userId !== me)?.userId : undefined;
        return {
          conversation: c,
          preview: buildPreview(c, {
            me,
            nameOf: (id) => users[id]?.displayName ?? '',
            isOpen: c.id === active,
            outgoing,
          }),
          time: rowTime(c, outgoing),
          outbox: c.pendingCount === 0 ? null : c.failedCount > 0 ? 'failed' : 'pending',
          presence: other === undefined ? undefined : presence[other]?.status,
          avatarId: other ?? c.id,
        };
      }),
    [conversations, users, presence, me, active],
  );
}

/** The conversation list: arrows move between rows, Enter opens, the context menu pins and mutes. */
export function ConversationList() {
  const { t } = useTranslation('chats');
  const rows = useRows();
  const loaded = useStore((s) => s.conversationsLoaded);
  const active = useStore((s) => (s.view === 'chats' ? s.activeConversationId : null));
  const language = useStore((s) => s.language);
  const openConversation = useStore((s) => s.openConversation);
  const setView = useStore((s) => s.setView);
  const now = useNow();
  const [focused, setFocused] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, id: string) => {
      const at = rows.findIndex((r) => r.conversation.id === id);
      const go = (index: number) => {
        const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
        if (!row) return;
        setFocused(row.conversation.id);
        list.current
          ?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(row.conversation.id)}"]`)
          ?.focus();
      };
      switch (e.key) {
        case 'ArrowDown':
          go(at + 1);
          break;
        case 'ArrowUp':
          go(at - 1);
          break;
        case 'Home':
          go(0);
          break;
        case 'End':
          go(rows.length - 1);
          break;
        case 'Enter':
        case ' ':
          openConversation(id);
          break;
        case 'ContextMenu':
        case 'F10': {
          if (e.key === 'F10' && !e.shiftKey) return;
          const r = e.currentTarget.getBoundingClientRect();
          setMenu({ id, x: r.left + 48, y: r.top + r.height / 2 });
          break;
        }
        default:
          return;
      }
      e.preventDefault();
    },
    [rows, openConversation],
  );

  const onMenu = useCallback((id: string, x: number, y: number) => setMenu({ id, x, y }), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  if (!loaded) return <div className="chats-list" />;
  if (rows.length === 0) {
    return (
      <div className="chats-empty">
        <Icon name="chat" size={40} />
        <p className="chats-empty-title">{t('list.empty')}</p>
        <p className="chats-empty-hint">{t('list.emptyHint')}</p>
        <button type="button" className="btn btn-secondary" onClick={() => setView('people')}>
          {t('list.findPeople')}
        </button>
      </div>
    );
  }
  // One row takes Tab: the focused one, else the open one, else the first.
  const tabStop =
    rows.find((r) => r.conversation.id === focused)?.conversation.id ??
    rows.find((r) => r.conversation.id === active)?.conversation.id ??
    rows[0]?.conversation.id;
  const menuConversation = menu && rows.find((r) => r.conversation.id === menu.id)?.conversation;
  return (
    <>
      <div ref={list} className="chats-list" role="listbox" aria-label={t('list.label')}>
        {rows.map((row) => (
          <ConversationRow
            key={row.conversation.id}
            row={row}
            active={row.conversation.id === active}
            focusable={row.conversation.id === tabStop}
            now={now}
            locale={language}
            onOpen={openConversation}
            onMenu={onMenu}
            onKeyDown={onKeyDown}
          />
        ))}
      </div>
      {menu && menuConversation && (
        <RowMenu conversation={menuConversation} x={menu.x} y={menu.y} onClose={closeMenu} />
      )}
    </>
  );
}

function RowMenu({
  conversation: c,
  x,
  y,
  onClose,
}: {
  conversation: ConversationSummary;
  x: number;
  y: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('chats');
  const { t: tc } = useTranslation();
  const setPrefs = useStore((s) => s.setConversationPrefs);
  const markRead = useStore((s) => s.markConversationRead);
  const toast = useStore((s) => s.toast);
  const run = (action: Promise<void>) => {
    action.catch((err: unknown) => toast(t('menu.failed', { reason: errorText(tc, err) }), 'error'));
  };
  const items: MenuItem[] = [
    {
      label: c.pinned ? t('menu.unpin') : t('menu.pin'),
      onSelect: () => run(setPrefs(c.id, { pinned: !c.pinned })),
    },
    {
      label: c.muted ? t('menu.unmute') : t('menu.mute'),
      onSelect: () => run(setPrefs(c.id, { muted: !c.muted })),
    },
  ];
  if (c.unreadCount > 0) items.push({ label: t('menu.markRead'), onSelect: () => run(markRead(c.id)) });
  return <Menu x={x} y={y} label={t('menu.label', { title: c.title })} items={items} onClose={onClose} />;
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { switcherMatches } from './switcher-match.js';
import './switcher.css';

/** Ctrl/Cmd+K: type part of a conversation's name, arrows to choose, Enter to open, Esc to leave. */
export function QuickSwitcher() {
  const { t } = useTranslation('chats');
  const conversations = useStore((s) => s.conversations);
  const me = useStore((s) => s.me?.id ?? null);
  const open = useStore((s) => s.openConversation);
  const setOpen = useStore((s) => s.setQuickSwitcherOpen);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const matches = useMemo(() => switcherMatches(query, conversations), [query, conversations]);
  const selected = Math.min(index, Math.max(0, matches.length - 1));
  const close = () => setOpen(false);

  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const choose = (i: number) => {
    const c = matches[i];
    if (c) open(c.id);
  };

  return (
    <div
      className="switcher-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div className="switcher" role="dialog" aria-modal="true" aria-label={t('switcher.title')}>
        <div className="switcher-search">
          <Icon name="search" size={18} />
          <input
            className="switcher-input"
            role="combobox"
            aria-expanded="true"
            aria-controls="switcher-list"
            aria-activedescendant={matches[selected] ? `switcher-${matches[selected].id}` : undefined}
            aria-label={t('switcher.title')}
            placeholder={t('switcher.placeholder')}
            value={query}
            autoFocus
            spellCheck={false}
            onChange={(e) => {
              setQuery(e.target.value);
              setIndex(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setIndex(Math.min(matches.length - 1, selected + 1));
              else if (e.key === 'ArrowUp') setIndex(Math.max(0, selected - 1));
              else if (e.key === 'Enter') choose(selected);
              else if (e.key === 'Escape') close();
              else return;
              e.preventDefault();
              e.stopPropagation();
            }}
          />
        </div>
        <div
          ref={list}
          id="switcher-list"
          className="switcher-list"
          role="listbox"
          aria-label={t('switcher.title')}
        >
          {matches.map((c, i) => {
            const other = c.kind === 'direct' ? c.members.find((m) => m.userId !== me)?.userId : undefined;
            return (
              <div
                key={c.id}
                id={`switcher-${c.id}`}
                data-index={i}
                role="option"
                aria-selected={i === selected}
                className="switcher-option"
                onMouseMove={() => {
                  if (i !== selected) setIndex(i);
                }}
                onClick={() => choose(i)}
              >
                <Avatar
                  id={other ?? c.id}
                  name={c.title}
                  size={28}
                  group={c.kind === 'group'}
                  fileId={c.kind === 'group' ? c.avatarFileId : undefined}
                />
                <span className="switcher-title truncate">{c.title}</span>
                {c.unreadCount > 0 && !c.muted && (
                  <span className="count-badge">{c.unreadCount > 99 ? '99+' : c.unreadCount}</span>
                )}
              </div>
            );
          })}
          {matches.length === 0 && (
            <p className="switcher-empty">
              {query.trim() === ''
                ? t('switcher.noConversations')
                : t('switcher.empty', { query: query.trim() })}
            </p>
          )}
        </div>
        <footer className="switcher-hint" aria-hidden="true">
          {t('switcher.hint')}
        </footer>
      </div>
    </div>
  );
}

import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { shownPresence } from '../../store/people.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { compareUsers, matchesQuery } from '../people/friend-groups.js';
import './groups.css';

/** Up and Down move between the checkboxes. */
function onListKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const boxes = [
    ...e.currentTarget.querySelectorAll<HTMLInputElement>('input[type=checkbox]:not(:disabled)'),
  ];
  const at = boxes.findIndex((b) => b === document.activeElement);
  if (at < 0) return;
  e.preventDefault();
  boxes[Math.min(boxes.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

/**
 * Picks people from my friends: a filter, a checkbox per friend, and the picked ones as chips.
 * `members` are shown ticked and fixed (they are in the group already).
 */
export function MemberPicker({
  selected,
  onChange,
  members = [],
}: {
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  members?: readonly string[];
}) {
  const { t } = useTranslation('people');
  const friends = useStore((s) => s.friends);
  const loaded = useStore((s) => s.friendsLoaded);
  const loadFriends = useStore((s) => s.loadFriends);
  const presence = useStore(shownPresence);
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (!loaded) void loadFriends().catch(() => undefined);
  }, [loaded, loadFriends]);

  const sorted = useMemo(() => friends.map((f) => f.user).sort(compareUsers), [friends]);
  const shown = sorted.filter((u) => matchesQuery(u, query));
  const picked = sorted.filter((u) => selected.includes(u.id));
  const toggle = (id: string, on: boolean) => {
    onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  };

  return (
    <div className="group-picker">
      <div className="group-picker-chips" aria-label={t('groups.selectedLabel')} role="list">
        {picked.map((u) => (
          <span key={u.id} className="group-chip" role="listitem">
            <Avatar id={u.id} name={u.displayName} size={20} />
            <span className="truncate">{u.displayName}</span>
            <button
              type="button"
              className="group-chip-remove"
              aria-label={t('groups.removeChip', { name: u.displayName })}
              onClick={() => toggle(u.id, false)}
            >
              <Icon name="close" size={14} />
            </button>
          </span>
        ))}
        <span className="group-picker-count muted">{t('groups.selected', { count: picked.length })}</span>
      </div>
      <div className="group-picker-filter">
        <Icon name="search" size={16} />
        <input
          type="search"
          className="search-field-input"
          aria-label={t('groups.searchFriends')}
          placeholder={t('groups.searchFriends')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter here filters; it must not submit the dialog's form.
            if (e.key === 'Enter') e.preventDefault();
            if (e.key === 'Escape' && query !== '') {
              e.preventDefault();
              e.stopPropagation();
              setQuery('');
            }
          }}
        />
      </div>
      <ul className="group-picker-list" onKeyDown={onListKeyDown}>
        {friends.length === 0 && <li className="group-picker-empty muted">{t('groups.noFriends')}</li>}
        {friends.length > 0 && shown.length === 0 && (
          <li className="group-picker-empty muted">{t('groups.noMatches', { query: query.trim() })}</li>
        )}
        {shown.map((u) => {
          const member = members.includes(u.id);
          return (
            <li key={u.id}>
              <label className={member ? 'group-pick group-pick-member' : 'group-pick'}>
                <input
                  type="checkbox"
                  checked={member || selected.includes(u.id)}
                  disabled={member}
                  onChange={(e) => toggle(u.id, e.target.checked)}
                />
                <Avatar id={u.id} name={u.displayName} size={32} presence={presence[u.id]?.status} />
                <span className="group-pick-text">
                  <span className="truncate">{u.displayName}</span>
                  <span className="group-pick-sub">{member ? t('groups.alreadyIn') : `@${u.username}`}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

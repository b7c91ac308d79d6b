import type { ConversationSummary, Friend, FriendRequest } from '@parley/shared';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { shownPresence } from '../../store/people.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { NewGroupDialog } from '../groups/NewGroupDialog.js';
import { groupByInitial, matchesQuery } from './friend-groups.js';
import { peopleErrorText } from './people-errors.js';
import './people.css';

const titleCollator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/** Up and Down move between the rows of the list, as in the chat list. */
function onListKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const rows = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-people-row]')];
  if (rows.length === 0) return;
  e.preventDefault();
  const at = rows.findIndex((r) => r === document.activeElement || r.contains(document.activeElement));
  const next =
    e.key === 'Home'
      ? 0
      : e.key === 'End'
        ? rows.length - 1
        : Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
  rows[next]?.focus();
}

/** The People view's list: new friends, groups and friends A–Z, with a filter and "Add friend". */
export function PeopleSidebar() {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const friends = useStore((s) => s.friends);
  const incoming = useStore((s) => s.incoming);
  const outgoing = useStore((s) => s.outgoing);
  const conversations = useStore((s) => s.conversations);
  const selection = useStore((s) => s.peopleSelection);
  const select = useStore((s) => s.selectPerson);
  const refresh = useStore((s) => s.refreshPeople);
  const toast = useStore((s) => s.toast);
  const [query, setQuery] = useState('');
  const [newGroupOpen, setNewGroupOpen] = useState(false);

  useEffect(() => {
    refresh().catch((err: unknown) => toast(peopleErrorText(t, tc, err), 'error'));
  }, [refresh, toast, t, tc]);

  const q = query.trim().toLocaleLowerCase();
  const requests = useMemo(
    () =>
      [
        ...incoming.map((r) => ({ request: r, user: r.from, direction: 'incoming' as const })),
        ...outgoing.map((r) => ({ request: r, user: r.to, direction: 'outgoing' as const })),
      ].filter((r) => matchesQuery(r.user, q)),
    [incoming, outgoing, q],
  );
  const groups = useMemo(
    () =>
      conversations
        .filter((c) => c.kind === 'group' && c.leftReason === null)
        .filter((c) => q === '' || c.title.toLocaleLowerCase().includes(q))
        .sort((a, b) => titleCollator.compare(a.title, b.title)),
    [conversations, q],
  );
  const sections = useMemo(
    () =>
      groupByInitial(
        friends.filter((f) => matchesQuery(f.user, q)),
        (f) => f.user,
      ),
    [friends, q],
  );
  const nothing = requests.length === 0 && groups.length === 0 && sections.length === 0;

  return (
    <div className="people-sidebar">
      <header className="people-sidebar-header">
        <h1>{t('title')}</h1>
        <div className="people-sidebar-tools">
          <button
            type="button"
            className="icon-btn"
            aria-label={t('newGroup')}
            title={t('newGroup')}
            onClick={() => setNewGroupOpen(true)}
          >
            <Icon name="group" />
          </button>
        </div>
      </header>
      <div className="people-filter search-field">
        <Icon name="search" size={16} />
        <input
          type="search"
          className="search-field-input"
          placeholder={t('filter')}
          aria-label={t('filter')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query !== '') {
              e.preventDefault();
              e.stopPropagation();
              setQuery('');
            }
          }}
        />
      </div>
      <nav className="people-list" aria-label={t('listLabel')} onKeyDown={onListKeyDown}>
        <button
          type="button"
          className="people-row people-row-add list-row"
          data-people-row
          aria-current={selection.kind === 'add' ? 'true' : undefined}
          onClick={() => select({ kind: 'add' })}
        >
          <span className="people-row-icon" aria-hidden="true">
            <Icon name="userPlus" size={20} />
          </span>
          <span className="people-row-title truncate">{t('addFriend')}</span>
        </button>

        {requests.length > 0 && (
          <Section title={t('sections.requests')} count={incoming.length} countIsBadge>
            {requests.map((r) => (
              <RequestRow
                key={r.request.id}
                request={r.request}
                direction={r.direction}
                selected={selection.kind === 'user' && selection.userId === r.user.id}
              />
            ))}
          </Section>
        )}

        {groups.length > 0 && (
          <Section title={t('sections.groups')} count={groups.length}>
            {groups.map((g) => (
              <GroupRow key={g.id} group={g} />
            ))}
          </Section>
        )}

        {sections.length > 0 && (
          <Section title={t('sections.friends')} count={friends.length}>
            {sections.map((s) => (
              <li key={s.initial} className="people-letter">
                <h3 className="people-letter-heading" aria-hidden="true">
                  {s.initial}
                </h3>
                <ul className="people-rows">
                  {s.items.map((f) => (
                    <FriendRow
                      key={f.user.id}
                      friend={f}
                      selected={selection.kind === 'user' && selection.userId === f.user.id}
                    />
                  ))}
                </ul>
              </li>
            ))}
          </Section>
        )}

        {nothing && (
          <p className="people-list-empty">
            {q === '' ? t('noFriends') : t('noMatches', { query: query.trim() })}
          </p>
        )}
      </nav>
      {newGroupOpen && <NewGroupDialog onClose={() => setNewGroupOpen(false)} />}
    </div>
  );
}

function Section({
  title,
  count,
  countIsBadge = false,
  children,
}: {
  title: string;
  count: number;
  countIsBadge?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="people-section" aria-label={title}>
      <h2 className="people-section-heading section-title">
        {title}
        {count > 0 && <span className={countIsBadge ? 'count-badge' : 'people-section-count'}>{count}</span>}
      </h2>
      <ul className="people-rows">{children}</ul>
    </section>
  );
}

function FriendRow({ friend, selected }: { friend: Friend; selected: boolean }) {
  const select = useStore((s) => s.selectPerson);
  const presence = useStore((s) => shownPresence(s)[friend.user.id]?.status);
  const { user } = friend;
  return (
    <li>
      <button
        type="button"
        className="people-row list-row"
        data-people-row
        aria-current={selected ? 'true' : undefined}
        onClick={() => select({ kind: 'user', userId: user.id })}
      >
        <Avatar id={user.id} name={user.displayName} size={36} presence={presence} />
        <span className="people-row-text">
          <span className="people-row-title truncate">{user.displayName}</span>
          <span className="people-row-sub truncate">@{user.username}</span>
        </span>
      </button>
    </li>
  );
}

function GroupRow({ group }: { group: ConversationSummary }) {
  const { t } = useTranslation('people');
  const open = useStore((s) => s.openConversation);
  return (
    <li>
      <button type="button" className="people-row list-row" data-people-row onClick={() => open(group.id)}>
        <Avatar id={group.id} name={group.title} size={36} group fileId={group.avatarFileId} />
        <span className="people-row-text">
          <span className="people-row-title truncate">{group.title}</span>
          <span className="people-row-sub truncate">
            {group.dissolvedAt === null
              ? t('memberCount', { count: group.members.length })
              : t('groups.state.dissolved')}
          </span>
        </span>
      </button>
    </li>
  );
}

function RequestRow({
  request,
  direction,
  selected,
}: {
  request: FriendRequest;
  direction: 'incoming' | 'outgoing';
  selected: boolean;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const select = useStore((s) => s.selectPerson);
  const accept = useStore((s) => s.acceptRequest);
  const decline = useStore((s) => s.declineRequest);
  const cancel = useStore((s) => s.cancelRequest);
  const toast = useStore((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const user = direction === 'incoming' ? request.from : request.to;
  const name = user.displayName;
  const run = (action: () => Promise<void>, done: string) => {
    setBusy(true);
    action().then(
      () => toast(done),
      (err: unknown) => {
        setBusy(false);
        toast(peopleErrorText(t, tc, err), 'error');
      },
    );
  };
  const note =
    direction === 'incoming'
      ? request.message
        ? t('request.quoted', { message: request.message })
        : t('request.incoming')
      : t('request.outgoing');
  return (
    <li className="people-request">
      <button
        type="button"
        className="people-row list-row"
        data-people-row
        aria-current={selected ? 'true' : undefined}
        onClick={() => select({ kind: 'user', userId: user.id })}
      >
        <Avatar id={user.id} name={name} size={36} />
        <span className="people-row-text">
          <span className="people-row-title truncate">{name}</span>
          <span className="people-row-sub truncate" title={note}>
            {note}
          </span>
        </span>
      </button>
      <span className="people-request-actions">
        {direction === 'incoming' ? (
          <>
            <button
              type="button"
              className="btn people-small-btn"
              disabled={busy}
              aria-label={t('request.acceptName', { name })}
              onClick={() => run(() => accept(request.id), t('request.accepted', { name }))}
            >
              {t('request.accept')}
            </button>
            <button
              type="button"
              className="icon-btn"
              disabled={busy}
              aria-label={t('request.declineName', { name })}
              title={t('request.decline')}
              onClick={() => run(() => decline(request.id), t('request.declined', { name }))}
            >
              <Icon name="close" size={18} />
            </button>
          </>
        ) : (
          <button
            type="button"
            className="icon-btn"
            disabled={busy}
            aria-label={t('request.cancelName', { name })}
            title={t('request.cancel')}
            onClick={() => run(() => cancel(request.id), t('request.cancelled', { name }))}
          >
            <Icon name="undo" size={18} />
          </button>
        )}
      </span>
    </li>
  );
}

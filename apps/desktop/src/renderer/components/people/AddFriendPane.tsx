import type { PublicUser } from '@parley/shared';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Limits } from '@parley/shared/limits';
import { useStore } from '../../store/index.js';
import { Avatar } from '../common/Avatar.js';
import { Icon } from '../common/Icon.js';
import { messagePerson } from './actions.js';
import { AddFriendForm } from './AddFriendForm.js';
import { peopleErrorText } from './people-errors.js';
import { useRelation } from './use-relation.js';
import './people.css';

type Search =
  | { state: 'idle' }
  | { state: 'searching'; query: string }
  | { state: 'done'; query: string; users: PublicUser[] }
  | { state: 'failed'; error: string };

/** Finds people on the server by name and sends them a friend request, with an optional note. */
export function AddFriendPane() {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const searchPeople = useStore((s) => s.searchPeople);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const [openFor, setOpenFor] = useState<string | null>(null);

  const run = async () => {
    const q = query.trim();
    if (q === '') return;
    setSearch({ state: 'searching', query: q });
    setOpenFor(null);
    try {
      setSearch({ state: 'done', query: q, users: await searchPeople(q) });
    } catch (err) {
      setSearch({ state: 'failed', error: peopleErrorText(t, tc, err) });
    }
  };

  return (
    <div className="people-pane people-add">
      <header className="people-add-header">
        <h2>{t('add.title')}</h2>
        <p className="muted">{t('add.hint')}</p>
      </header>
      <form
        className="people-add-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input
          type="search"
          className="input"
          aria-label={t('add.placeholder')}
          placeholder={t('add.placeholder')}
          maxLength={Limits.searchQueryMax}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
        <button type="submit" className="btn" disabled={query.trim() === '' || search.state === 'searching'}>
          <Icon name="search" size={18} />
          {t('add.search')}
        </button>
      </form>
      {search.state === 'searching' && <p className="muted">{t('add.searching')}</p>}
      {search.state === 'failed' && (
        <p className="field-error" role="alert">
          {search.error}
        </p>
      )}
      {search.state === 'done' &&
        (search.users.length === 0 ? (
          <p className="muted">{t('add.noResults', { query: search.query })}</p>
        ) : (
          <ul className="people-results" aria-label={t('add.results')}>
            {search.users.map((u) => (
              <ResultRow
                key={u.id}
                user={u}
                open={openFor === u.id}
                onOpen={() => setOpenFor(u.id)}
                onClose={() => setOpenFor(null)}
              />
            ))}
          </ul>
        ))}
    </div>
  );
}

function ResultRow({
  user,
  open,
  onOpen,
  onClose,
}: {
  user: PublicUser;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const select = useStore((s) => s.selectPerson);
  const toast = useStore((s) => s.toast);
  const relation = useRelation(user.id);
  const name = user.displayName;
  let action: ReactNode = null;
  if (relation.isMe) action = <span className="people-tag">{t('add.you')}</span>;
  else if (relation.friend)
    action = (
      <button
        type="button"
        className="btn btn-secondary people-small-btn"
        onClick={() => {
          messagePerson(user.id).catch((err: unknown) => toast(peopleErrorText(t, tc, err), 'error'));
        }}
      >
        {t('profile.message')}
      </button>
    );
  else if (relation.blocked)
    action = <span className="people-tag people-tag-danger">{t('profile.blocked')}</span>;
  else if (relation.outgoing) action = <span className="people-tag">{t('add.pending')}</span>;
  else if (relation.incoming)
    action = (
      <button
        type="button"
        className="btn people-small-btn"
        onClick={() => select({ kind: 'user', userId: user.id })}
      >
        {t('request.accept')}
      </button>
    );
  else if (!open)
    action = (
      <button
        type="button"
        className="btn people-small-btn"
        aria-label={t('add.addName', { name })}
        onClick={onOpen}
      >
        <Icon name="userPlus" size={16} />
        {t('add.add')}
      </button>
    );
  return (
    <li className="people-result">
      <div className="people-result-main">
        <button
          type="button"
          className="people-result-who"
          onClick={() => select({ kind: 'user', userId: user.id })}
        >
          <Avatar id={user.id} name={name} size={40} />
          <span className="people-row-text">
            <span className="people-row-title truncate">{name}</span>
            <span className="people-row-sub truncate">@{user.username}</span>
          </span>
        </button>
        {action}
      </div>
      {open && !relation.outgoing && !relation.friend && (
        <AddFriendForm userId={user.id} name={name} onDone={onClose} onCancel={onClose} />
      )}
    </li>
  );
}

import type { AdminUser } from '@parley/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { adminErrorText } from './admin-errors.js';
import { type UserActionKind, UserActions } from './UserActions.js';
import { UserRow } from './UserRow.js';

const PAGE = 20;
/** Typing pauses this long before the list is asked again. */
const searchDelayMs = 250;

/** Every account on the server, searchable, a page at a time, with what an administrator can do to each. */
export function UsersCard() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [acting, setActing] = useState<UserActions['pending']>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call(parley().admin.listUsers({ query: query.trim(), limit: PAGE })).then(
        (page) => {
          if (!live) return;
          setUsers(page.users);
          setTotal(page.total);
          setError(null);
        },
        (err: unknown) => {
          if (live) setError(adminErrorText(t, tc, err));
        },
      );
    }, searchDelayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, t, tc]);

  const more = async () => {
    setBusy(true);
    try {
      const page = await call(
        parley().admin.listUsers({ query: query.trim(), limit: PAGE, offset: users.length }),
      );
      setUsers((list) => [...list, ...page.users.filter((u) => !list.some((l) => l.id === u.id))]);
      setTotal(page.total);
    } catch (err) {
      setError(adminErrorText(t, tc, err));
    } finally {
      setBusy(false);
    }
  };

  const updated = (user: AdminUser) => setUsers((list) => list.map((u) => (u.id === user.id ? user : u)));

  const act = async (kind: UserActionKind, user: AdminUser) => {
    if (kind !== 'enable') {
      setActing({ kind, user });
      return;
    }
    // Nothing to confirm: enabling only lets them sign in again.
    try {
      updated((await call(parley().admin.enableUser({ userId: user.id }))).user);
      toast(t('users.enabled', { name: user.displayName }));
    } catch (err) {
      setError(adminErrorText(t, tc, err));
    }
  };

  return (
    <section className="settings-card" aria-labelledby="admin-users-heading">
      <h2 id="admin-users-heading" className="settings-card-title">
        {t('users.title')}
      </h2>
      <div className="search-field admin-search">
        <Icon name="search" size={16} />
        <input
          className="search-field-input"
          type="search"
          aria-label={t('users.search')}
          placeholder={t('users.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {total !== null && (
        <p className="settings-card-hint admin-total" role="status">
          {t('users.total', { count: total })}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {total === 0 && query.trim() !== '' && (
        <p className="muted admin-empty">{t('users.none', { query: query.trim() })}</p>
      )}
      {users.length > 0 && (
        <ul className="admin-list" aria-label={t('users.list')}>
          {users.map((u) => (
            <UserRow key={u.id} user={u} onAction={(kind) => void act(kind, u)} />
          ))}
        </ul>
      )}
      {total !== null && users.length < total && (
        <div className="settings-actions">
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void more()}>
            {t('users.more')}
          </button>
        </div>
      )}
      <UserActions pending={acting} onDone={updated} onClose={() => setActing(null)} />
    </section>
  );
}

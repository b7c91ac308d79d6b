import type { AdminUser } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { useNow } from '../chats/use-now.js';
import { Avatar } from '../common/Avatar.js';
import { formatSize } from '../files/format.js';
import { relativeTime } from '../people/relative-time.js';
import type { UserActionKind } from './UserActions.js';

/** One account: who, what they are (admin, disabled, online…), since when, how much they store, and the actions. */
export function UserRow({ user, onAction }: { user: AdminUser; onAction: (kind: UserActionKind) => void }) {
  const { t, i18n } = useTranslation('admin');
  const meId = useStore((s) => s.me?.id);
  const now = useNow();
  const self = user.id === meId;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const seen = user.online
    ? null
    : user.lastSeenAt === null
      ? t('users.neverSeen')
      : (() => {
          const when = relativeTime(user.lastSeenAt, now, i18n.language);
          return when === null ? t('users.lastSeenNow') : t('users.lastSeen', { when });
        })();
  const actions: UserActionKind[] = [
    ...(self ? [] : [user.disabled ? ('enable' as const) : ('disable' as const), 'reset' as const]),
    user.isAdmin ? 'removeAdmin' : 'makeAdmin',
  ];
  const label: Record<UserActionKind, string> = {
    disable: t('users.actions.disable'),
    enable: t('users.actions.enable'),
    reset: t('users.actions.resetPassword'),
    makeAdmin: t('users.actions.makeAdmin'),
    removeAdmin: t('users.actions.removeAdmin'),
  };
  return (
    <li className="admin-row admin-user-row" data-disabled={user.disabled || undefined}>
      <Avatar id={user.id} name={user.displayName} size={36} />
      <span className="admin-row-text">
        <span className="admin-row-name">
          <span className="truncate">{user.displayName}</span>
          <span className="admin-row-username truncate">@{user.username}</span>
          {self && <span className="settings-tag">{t('users.tags.you')}</span>}
          {user.isAdmin && <span className="settings-tag">{t('users.tags.admin')}</span>}
          {user.disabled && <span className="settings-tag admin-tag-danger">{t('users.tags.disabled')}</span>}
          {user.passwordChangeRequired && (
            <span className="settings-tag admin-tag-muted">{t('users.tags.mustChange')}</span>
          )}
          {user.online && <span className="settings-tag admin-tag-online">{t('users.tags.online')}</span>}
        </span>
        <span className="admin-row-meta">
          {t('users.joined', { date: date.format(user.createdAt) })}
          {seen !== null && ` · ${seen}`}
          {' · '}
          {t('users.storage', { size: formatSize(user.storageBytes, i18n.language) })}
        </span>
      </span>
      <span
        className="admin-row-actions"
        role="group"
        aria-label={t('users.actions.label', { name: user.displayName })}
      >
        {actions.map((kind) => (
          <button
            key={kind}
            type="button"
            className={
              kind === 'disable'
                ? 'btn btn-secondary admin-row-action admin-danger'
                : 'btn btn-secondary admin-row-action'
            }
            onClick={() => onAction(kind)}
          >
            {label[kind]}
          </button>
        ))}
      </span>
    </li>
  );
}

import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import type { SettingsSection } from '../../store/settings.js';
import { Avatar } from '../common/Avatar.js';
import { Icon, type IconName } from '../common/Icon.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import './settings.css';

const sections: { id: SettingsSection; icon: IconName }[] = [
  { id: 'profile', icon: 'user' },
  { id: 'notifications', icon: 'bell' },
  { id: 'appearance', icon: 'palette' },
  { id: 'general', icon: 'settings' },
  { id: 'storage', icon: 'folder' },
  { id: 'hosting', icon: 'monitor' },
  { id: 'security', icon: 'lock' },
  { id: 'about', icon: 'info' },
];
/** Shown to administrators only. */
const adminSection: { id: SettingsSection; icon: IconName } = { id: 'admin', icon: 'shield' };

/** Up and Down move between the sections. */
function onNavKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button')];
  const at = items.findIndex((i) => i === document.activeElement);
  if (at < 0) return;
  e.preventDefault();
  items[Math.min(items.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

/** The Settings view's list: who I am, the sections, and Log out. */
export function SettingsSidebar() {
  const { t } = useTranslation('settings');
  const me = useStore((s) => s.me);
  const section = useStore((s) => s.settingsSection);
  const setSection = useStore((s) => s.setSettingsSection);
  const logout = useStore((s) => s.logout);
  const [confirmLogout, setConfirmLogout] = useState(false);
  return (
    <div className="settings-sidebar">
      <header className="settings-sidebar-header">
        <h1>{t('title')}</h1>
      </header>
      {me && (
        <button type="button" className="settings-me list-row" onClick={() => setSection('profile')}>
          <Avatar id={me.id} name={me.displayName} size={44} />
          <span className="settings-me-text">
            <span className="settings-me-name truncate">{me.displayName}</span>
            <span className="settings-me-username truncate">@{me.username}</span>
          </span>
        </button>
      )}
      <nav className="settings-nav" aria-label={t('title')} onKeyDown={onNavKeyDown}>
        {(me?.isAdmin ? [...sections, adminSection] : sections).map((s) => (
          <button
            key={s.id}
            type="button"
            className="settings-nav-item list-row"
            aria-current={section === s.id ? 'page' : undefined}
            onClick={() => setSection(s.id)}
          >
            <Icon name={s.icon} size={18} />
            {t(`sections.${s.id}`)}
          </button>
        ))}
        <button
          type="button"
          className="settings-nav-item settings-nav-logout list-row"
          onClick={() => setConfirmLogout(true)}
        >
          <Icon name="logout" size={18} />
          {t('sections.logout')}
        </button>
      </nav>
      {confirmLogout && (
        <ConfirmDialog
          title={t('logout.title')}
          body={<p>{t('logout.body')}</p>}
          confirmLabel={t('logout.action')}
          onConfirm={logout}
          onClose={() => setConfirmLogout(false)}
        />
      )}
    </div>
  );
}

import type { Invite } from '@parley/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { useNow } from '../chats/use-now.js';
import { Icon } from '../common/Icon.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { adminErrorText } from './admin-errors.js';
import { inviteExpiries, inviteState, inviteUses } from './admin-forms.js';

const keyOf = (value: number | null, none: string) => (value === null ? none : String(value));

/** Invite codes: make one (how long, how many accounts), copy it, revoke it. */
export function InviteCodes() {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const now = useNow();
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [expiresInHours, setExpiresInHours] = useState<number | null>(168);
  const [maxUses, setMaxUses] = useState<number | null>(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);

  // Bumped after each change here, to read the list again.
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    call(parley().admin.listInvites()).then(
      (r) => {
        if (live) setInvites(r.invites);
      },
      (err: unknown) => {
        if (live) setError(adminErrorText(t, tc, err));
      },
    );
    return () => {
      live = false;
    };
  }, [version, t, tc]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const { invite } = await call(parley().admin.createInvite({ expiresInHours, maxUses }));
      setFresh(invite.id);
      toast(t('invites.created', { code: invite.code }));
      reload();
    } catch (err) {
      setError(adminErrorText(t, tc, err));
    } finally {
      setBusy(false);
    }
  };

  const copy = (code: string) => {
    navigator.clipboard.writeText(code).then(
      () => toast(t('invites.copied')),
      () => toast(code),
    );
  };

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="admin-invites">
      <h3 className="admin-subtitle">{t('invites.title')}</h3>
      <p className="settings-card-hint">{t('invites.hint')}</p>
      <div className="admin-invite-form">
        <label className="field">
          <span>{t('invites.expiresAfter')}</span>
          <select
            className="input"
            value={keyOf(expiresInHours, 'never')}
            onChange={(e) => setExpiresInHours(e.target.value === 'never' ? null : Number(e.target.value))}
          >
            {inviteExpiries.map((h) => (
              <option key={keyOf(h, 'never')} value={keyOf(h, 'never')}>
                {t(`invites.expiries.${keyOf(h, 'never') as '1'}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('invites.canBeUsed')}</span>
          <select
            className="input"
            value={keyOf(maxUses, 'unlimited')}
            onChange={(e) => setMaxUses(e.target.value === 'unlimited' ? null : Number(e.target.value))}
          >
            {inviteUses.map((n) => (
              <option key={keyOf(n, 'unlimited')} value={keyOf(n, 'unlimited')}>
                {t(`invites.usesChoices.${keyOf(n, 'unlimited') as '1'}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={busy} onClick={() => void create()}>
          <Icon name="plus" size={16} />
          {busy ? t('invites.creating') : t('invites.create')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {invites?.length === 0 && <p className="muted admin-empty">{t('invites.empty')}</p>}
      {invites && invites.length > 0 && (
        <ul className="admin-list" aria-label={t('invites.list')}>
          {invites.map((invite) => {
            const state = inviteState(invite, now);
            return (
              <li
                key={invite.id}
                className={invite.id === fresh ? 'admin-row admin-row-fresh' : 'admin-row'}
                data-state={state}
              >
                <span className="admin-row-text">
                  <span className="admin-row-name">
                    <code className="admin-code">{invite.code}</code>
                    {state !== 'usable' && (
                      <span className="settings-tag admin-tag-muted">{t(`invites.${state}`)}</span>
                    )}
                  </span>
                  <span className="admin-row-meta">
                    {invite.maxUses === null
                      ? t('invites.uses', { count: invite.uses })
                      : t('invites.usesOf', { count: invite.uses, max: invite.maxUses })}
                    {' · '}
                    {invite.expiresAt === null
                      ? t('invites.neverExpires')
                      : t('invites.expires', { date: date.format(invite.expiresAt) })}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn btn-secondary admin-row-action"
                  aria-label={t('invites.copyCode', { code: invite.code })}
                  onClick={() => copy(invite.code)}
                >
                  <Icon name="copy" size={15} />
                  {t('invites.copy')}
                </button>
                <button
                  type="button"
                  className="btn btn-secondary admin-row-action"
                  aria-label={t('invites.revokeCode', { code: invite.code })}
                  onClick={() => setRevoking(invite)}
                >
                  {t('invites.revoke')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('invites.revokeTitle')}
          body={<p>{t('invites.revokeBody', { code: revoking.code })}</p>}
          confirmLabel={t('invites.revoke')}
          onConfirm={async () => {
            await call(parley().admin.revokeInvite({ inviteId: revoking.id }));
            toast(t('invites.revoked'));
            reload();
          }}
          onClose={() => setRevoking(null)}
          describeError={(err) => adminErrorText(t, tc, err)}
        />
      )}
    </div>
  );
}

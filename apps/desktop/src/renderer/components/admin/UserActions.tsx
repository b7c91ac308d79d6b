import type { AdminUser } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Modal } from '../common/Modal.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { adminErrorText } from './admin-errors.js';

export type UserActionKind = 'disable' | 'enable' | 'reset' | 'makeAdmin' | 'removeAdmin';

export interface UserActions {
  pending: { kind: Exclude<UserActionKind, 'enable'>; user: AdminUser } | null;
}

/**
 * The confirmation for what an administrator is about to do to an account, then the change; after
 * a password reset, the temporary password, shown once.
 */
export function UserActions({
  pending,
  onDone,
  onClose,
}: UserActions & { onDone: (user: AdminUser) => void; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);

  if (temporary) {
    return (
      <Modal
        title={t('users.tempTitle', { name: temporary.name })}
        onClose={() => setTemporary(null)}
        footer={
          <>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                navigator.clipboard.writeText(temporary.password).then(
                  () => toast(t('users.tempCopied')),
                  () => undefined,
                );
              }}
            >
              {tc('actions.copy')}
            </button>
            <button type="button" className="btn" onClick={() => setTemporary(null)}>
              {tc('actions.done')}
            </button>
          </>
        }
      >
        <p>{t('users.tempBody', { name: temporary.name })}</p>
        <label className="field admin-temp">
          <span>{t('users.tempLabel')}</span>
          <input
            className="input admin-code"
            readOnly
            value={temporary.password}
            onFocus={(e) => e.target.select()}
          />
        </label>
      </Modal>
    );
  }
  if (!pending) return null;

  const { kind, user } = pending;
  const name = user.displayName;
  const text = {
    disable: {
      title: t('users.disableTitle', { name }),
      body: t('users.disableBody', { name }),
      confirm: t('users.actions.disable'),
    },
    reset: {
      title: t('users.resetTitle', { name }),
      body: t('users.resetBody', { name }),
      confirm: t('users.resetConfirm'),
    },
    makeAdmin: {
      title: t('users.makeAdminTitle', { name }),
      body: t('users.makeAdminBody'),
      confirm: t('users.actions.makeAdmin'),
    },
    removeAdmin: {
      title: t('users.removeAdminTitle', { name }),
      body: t('users.removeAdminBody', { name }),
      confirm: t('users.actions.removeAdmin'),
    },
  }[kind];

  const run = async () => {
    switch (kind) {
      case 'disable': {
        const r = await call(parley().admin.disableUser({ userId: user.id }));
        onDone(r.user);
        toast(t('users.disabled', { name }));
        return;
      }
      case 'reset': {
        const r = await call(parley().admin.resetPassword({ userId: user.id }));
        onDone(r.user);
        setTemporary({ name, password: r.temporaryPassword });
        return;
      }
      case 'makeAdmin':
      case 'removeAdmin': {
        const r = await call(parley().admin.setAdmin({ userId: user.id, isAdmin: kind === 'makeAdmin' }));
        onDone(r.user);
        toast(t(kind === 'makeAdmin' ? 'users.madeAdmin' : 'users.removedAdmin', { name }));
        return;
      }
    }
  };

  return (
    <ConfirmDialog
      title={text.title}
      body={<p>{text.body}</p>}
      confirmLabel={text.confirm}
      tone={kind === 'makeAdmin' ? 'primary' : 'danger'}
      onConfirm={run}
      onClose={onClose}
      describeError={(err) => adminErrorText(t, tc, err)}
    />
  );
}

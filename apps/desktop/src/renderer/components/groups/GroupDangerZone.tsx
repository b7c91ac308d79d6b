import type { ConversationSummary } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { peopleErrorText } from '../people/people-errors.js';
import type { GroupPermissions } from './member-actions.js';
import './groups.css';

/** Leave and Dissolve, each behind a confirmation; an owner is told why leaving waits for a transfer. */
export function GroupDangerZone({
  group,
  permissions,
}: {
  group: ConversationSummary;
  permissions: GroupPermissions;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const [confirm, setConfirm] = useState<'leave' | 'dissolve' | null>(null);
  if (permissions.leave === 'no' && !permissions.dissolve) return null;
  const name = group.title;

  const leave = async () => {
    await call(parley().groups.leave({ conversationId: group.id }));
    const s = useStore.getState();
    await s.loadConversations();
    s.closeConversation();
    s.toast(t('groups.left', { name }));
  };
  const dissolve = async () => {
    await call(parley().groups.dissolve({ conversationId: group.id }));
    const s = useStore.getState();
    await s.loadConversations();
    s.toast(t('groups.dissolvedToast', { name }));
  };

  return (
    <div className="group-danger">
      {permissions.leave !== 'no' && (
        <>
          <button
            type="button"
            className="btn btn-secondary group-danger-btn"
            // Focusable while unavailable, so the reason below is read out with it.
            aria-disabled={permissions.leave === 'must-transfer' ? true : undefined}
            aria-describedby={permissions.leave === 'must-transfer' ? 'group-leave-why' : undefined}
            onClick={() => {
              if (permissions.leave === 'allowed') setConfirm('leave');
            }}
          >
            {t('groups.leave')}
          </button>
          {permissions.leave === 'must-transfer' && (
            <p id="group-leave-why" className="group-danger-why">
              {t('groups.ownerMustTransfer')}
            </p>
          )}
        </>
      )}
      {permissions.dissolve && (
        <button
          type="button"
          className="btn btn-danger group-danger-btn"
          onClick={() => setConfirm('dissolve')}
        >
          {t('groups.dissolve')}
        </button>
      )}
      {confirm && (
        <ConfirmDialog
          title={t(confirm === 'leave' ? 'groups.leaveTitle' : 'groups.dissolveTitle', { name })}
          body={<p>{t(confirm === 'leave' ? 'groups.leaveBody' : 'groups.dissolveBody')}</p>}
          confirmLabel={t(confirm === 'leave' ? 'groups.leave' : 'groups.dissolve')}
          onConfirm={confirm === 'leave' ? leave : dissolve}
          onClose={() => setConfirm(null)}
          describeError={(err) => peopleErrorText(t, tc, err)}
        />
      )}
    </div>
  );
}

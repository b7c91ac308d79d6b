import type { ConversationSummary } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Modal } from '../common/Modal.js';
import { useDialogAction } from '../common/use-dialog-action.js';
import { peopleErrorText } from '../people/people-errors.js';
import { MemberPicker } from './MemberPicker.js';

/** Picks friends who are not in the group yet and adds them. */
export function AddMembersDialog({ group, onClose }: { group: ConversationSummary; onClose: () => void }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const loadConversations = useStore((s) => s.loadConversations);
  const toast = useStore((s) => s.toast);
  const [picked, setPicked] = useState<string[]>([]);
  const { busy, error, run } = useDialogAction((err) => peopleErrorText(t, tc, err), onClose);

  const add = () =>
    run(async () => {
      await call(parley().groups.addMembers({ conversationId: group.id, userIds: picked }));
      await loadConversations();
      toast(t('groups.added', { count: picked.length }));
    });

  return (
    <Modal
      title={t('groups.addMembers')}
      onClose={onClose}
      width={480}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {tc('actions.cancel')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || picked.length === 0}
            onClick={() => void add()}
          >
            {busy ? t('groups.adding') : t('groups.add')}
          </button>
        </>
      }
    >
      <MemberPicker selected={picked} onChange={setPicked} members={group.members.map((m) => m.userId)} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

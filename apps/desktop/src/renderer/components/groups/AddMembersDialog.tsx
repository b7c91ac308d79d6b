import type { ConversationSummary } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Modal } from '../common/Modal.js';
import { peopleErrorText } from '../people/people-errors.js';
import { MemberPicker } from './MemberPicker.js';

/** Picks friends who are not in the group yet and adds them. */
export function AddMembersDialog({ group, onClose }: { group: ConversationSummary; onClose: () => void }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const loadConversations = useStore((s) => s.loadConversations);
  const toast = useStore((s) => s.toast);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(parley().groups.addMembers({ conversationId: group.id, userIds: picked }));
      await loadConversations();
      toast(t('groups.added', { count: picked.length }));
      onClose();
    } catch (err) {
      setError(peopleErrorText(t, tc, err));
      setBusy(false);
    }
  };

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

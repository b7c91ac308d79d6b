import { Limits } from '@parley/shared/limits';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Modal } from '../common/Modal.js';
import { useDialogAction } from '../common/use-dialog-action.js';
import { peopleErrorText } from '../people/people-errors.js';
import { createRequestFor, type CreateRequest } from './create-request.js';
import { MemberPicker } from './MemberPicker.js';
import './groups.css';

/** Names a new group, picks its members from my friends, creates it and opens it. */
export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useDialogAction((err) => peopleErrorText(t, tc, err), onClose);
  const request = useRef<CreateRequest | null>(null);
  const nameError = name.trim() === '' ? t('groups.nameRequired') : null;
  const membersError = members.length === 0 ? t('groups.pickSomeone') : null;

  const create = async () => {
    setTried(true);
    if (nameError || membersError) return;
    await run(async () => {
      const trimmed = name.trim();
      request.current = createRequestFor(request.current, trimmed, members);
      const { conversationId } = await call(
        parley().groups.create({ name: trimmed, memberIds: members, clientRequestId: request.current.id }),
      );
      const s = useStore.getState();
      await s.loadConversations();
      s.openConversation(conversationId);
      s.toast(t('groups.created', { name: trimmed }));
    });
  };

  return (
    <Modal
      title={t('groups.newGroup')}
      onClose={onClose}
      width={520}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {tc('actions.cancel')}
          </button>
          <button type="submit" form="new-group-form" className="btn" disabled={busy}>
            {busy ? t('groups.creating') : t('groups.create')}
          </button>
        </>
      }
    >
      <form
        id="new-group-form"
        className="group-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="group-form-field">
          <label className="field">
            <span>{t('groups.name')}</span>
            <input
              className="input"
              value={name}
              maxLength={Limits.groupNameMax}
              placeholder={t('groups.namePlaceholder')}
              aria-invalid={tried && nameError !== null}
              aria-describedby={tried && nameError ? 'new-group-name-error' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          {tried && nameError && (
            <span id="new-group-name-error" className="field-error">
              {nameError}
            </span>
          )}
        </div>
        <fieldset className="group-form-members">
          <legend>{t('groups.members')}</legend>
          <MemberPicker selected={members} onChange={setMembers} />
          {tried && membersError && <span className="field-error">{membersError}</span>}
        </fieldset>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}

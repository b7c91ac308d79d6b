import type { ConversationSummary } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { peopleErrorText } from '../people/people-errors.js';
import './groups.css';

/** The group's name; owners and admins edit it in place (Enter saves, Esc cancels). */
export function GroupName({ group, canRename }: { group: ConversationSummary; canRename: boolean }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const loadConversations = useStore((s) => s.loadConversations);
  const toast = useStore((s) => s.toast);
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const name = (draft ?? '').trim();
    if (name === '' || name === group.title) {
      setDraft(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call(parley().groups.rename({ conversationId: group.id, name }));
      await loadConversations();
      toast(t('groups.renamed'));
      setDraft(null);
    } catch (err) {
      setError(peopleErrorText(t, tc, err));
    } finally {
      setBusy(false);
    }
  };

  if (draft === null) {
    return (
      <div className="group-name">
        <h3 className="group-name-text">{group.title}</h3>
        {canRename && (
          <button
            type="button"
            className="icon-btn"
            aria-label={t('groups.rename')}
            title={t('groups.rename')}
            onClick={() => setDraft(group.title)}
          >
            <Icon name="edit" size={16} />
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="group-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        className="input"
        aria-label={t('groups.name')}
        value={draft}
        maxLength={Limits.groupNameMax}
        disabled={busy}
        autoFocus
        onFocus={(e) => e.target.select()}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDraft(null);
            setError(null);
          }
        }}
      />
      <button type="submit" className="icon-btn" aria-label={tc('actions.save')} disabled={busy}>
        <Icon name="check" size={18} />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label={tc('actions.cancel')}
        onClick={() => {
          setDraft(null);
          setError(null);
        }}
      >
        <Icon name="close" size={18} />
      </button>
      {error && (
        <p className="field-error group-name-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

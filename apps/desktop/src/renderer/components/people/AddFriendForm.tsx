import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Limits } from '@parley/shared/limits';
import { useStore } from '../../store/index.js';
import { peopleErrorText } from './people-errors.js';

/** The optional note and the Send button of a friend request. */
export function AddFriendForm({
  userId,
  name,
  onDone,
  onCancel,
}: {
  userId: string;
  name: string;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const send = useStore((s) => s.sendFriendRequest);
  const toast = useStore((s) => s.toast);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await send(userId, message);
      toast(t('request.sent', { name }));
      onDone?.();
    } catch (err) {
      setError(peopleErrorText(t, tc, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="people-add-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label className="field">
        <span>{t('add.messageLabel')}</span>
        <input
          className="input"
          value={message}
          maxLength={Limits.friendRequestMessageMax}
          placeholder={t('add.messagePlaceholder')}
          onChange={(e) => setMessage(e.target.value)}
          autoFocus
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="people-add-form-actions">
        {onCancel && (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {tc('actions.cancel')}
          </button>
        )}
        <button type="submit" className="btn" disabled={busy}>
          {t('add.send')}
        </button>
      </div>
    </form>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../common/error-text.js';
import { Modal } from '../common/Modal.js';
import { useDialogAction } from '../common/use-dialog-action.js';

/**
 * Asks before something that cannot be taken back. The dialog stays open while the action runs,
 * and shows the refusal in place if it fails.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  tone = 'danger',
  onConfirm,
  onClose,
  describeError,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** Turns a refusal into words; by default the common error texts. */
  describeError?: (err: unknown) => string;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useDialogAction(
    (err) => (describeError ? describeError(err) : errorText(t, err)),
    onClose,
  );
  const confirm = () => run(onConfirm);
  return (
    <Modal
      title={title}
      onClose={onClose}
      width={420}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('actions.cancel')}
          </button>
          <button
            type="button"
            className={tone === 'danger' ? 'btn btn-danger' : 'btn'}
            disabled={busy}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-body">{body}</div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import { useConversation } from '../conversation/context.js';
import { type Anchor, anchorOf, Popover } from './Popover.js';
import { messageReceipt } from './read-marks.js';

/** Sending (clock) or failed (alert): the marks of a message still in my outbox. */
export function OutboxMark({ state }: { state: 'pending' | 'failed' }) {
  const { t } = useTranslation('conversation');
  return state === 'pending' ? (
    <span className="msg-mark msg-mark-pending" title={t('message.sending')}>
      <Icon name="clock" size={13} label={t('message.sending')} />
    </span>
  ) : (
    <span className="msg-mark msg-mark-failed" title={t('message.failed')}>
      <Icon name="alert" size={13} label={t('message.failed')} />
    </span>
  );
}

/**
 * Sent, delivered or read, on a message of mine. In a group it says how many have read it, and
 * a click lists them.
 */
export function ReceiptMark({ seq }: { seq: number }) {
  const { t } = useTranslation('conversation');
  const { receipts, meId, kind, nameOf } = useConversation();
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const r = messageReceipt(seq, receipts, meId);
  const icon = (
    <span className={`msg-mark msg-mark-${r.mark}`} title={t(`message.${r.mark}`)}>
      <Icon name={r.mark === 'sent' ? 'check' : 'checks'} size={14} label={t(`message.${r.mark}`)} />
    </span>
  );
  if (kind === 'direct' || r.readBy.length === 0) return icon;
  const label =
    r.readBy.length === r.others ? t('message.readByAll') : t('message.readBy', { count: r.readBy.length });
  return (
    <>
      <button
        type="button"
        className="msg-readby"
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        data-popover-toggle=""
        onClick={(e) => setAnchor(anchor ? null : anchorOf(e.currentTarget))}
      >
        {label}
      </button>
      {anchor && (
        <Popover
          anchor={anchor}
          onClose={() => setAnchor(null)}
          label={t('message.readers')}
          className="readers"
        >
          <h3 className="readers-title">{t('message.readers')}</h3>
          <ul className="readers-list">
            {r.readBy.map((id) => (
              <li key={id}>{nameOf(id)}</li>
            ))}
          </ul>
        </Popover>
      )}
    </>
  );
}

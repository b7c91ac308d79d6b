import type { OutboxEntry } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { messageErrorText } from '../message/message-error.js';
import { formatSize, progressOf } from './format.js';
import { ProgressBar } from './ProgressBar.js';
import { uploadStatus } from './transfer-status.js';

/**
 * How far a file message being sent got: a bar, what it is doing, and Pause / Resume / Cancel.
 * Nothing once it failed (the bubble then offers Retry and Discard).
 */
export function UploadStatusLine({ entry, overlay = false }: { entry: OutboxEntry; overlay?: boolean }) {
  const { t } = useTranslation('files');
  const { t: tconv } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const transfer = useStore((s) => s.transfers[entry.clientMsgId]);
  const connection = useStore((s) => s.connection);
  const locale = useStore((s) => s.language);
  const pause = useStore((s) => s.pauseTransfer);
  const resume = useStore((s) => s.resumeTransfer);
  const cancel = useStore((s) => s.cancelTransfer);
  const toast = useStore((s) => s.toast);
  const status = uploadStatus(entry, transfer, connection);
  if (status.kind === 'failed') return null;
  const name = entry.content.kind === 'text' ? '' : entry.content.name;
  const fail = (err: unknown) => toast(messageErrorText(tconv, tc, err), 'error');
  const of = (done: number, total: number) => ({
    done: formatSize(done, locale),
    total: formatSize(total, locale),
  });

  let text: string;
  let value: number | null;
  switch (status.kind) {
    case 'preparing':
      text = t('transfer.hashing');
      value = null;
      break;
    case 'waiting':
      text = status.online ? t('transfer.queued') : t('transfer.waiting');
      value = 0;
      break;
    case 'progress':
      text = t('transfer.sent', of(status.done, status.total));
      value = progressOf(status.done, status.total);
      break;
    case 'paused':
      text = t('transfer.paused', of(status.done, status.total));
      value = progressOf(status.done, status.total);
      break;
    case 'sending':
      text = t('transfer.sending');
      value = 1;
      break;
  }
  const id = entry.clientMsgId;
  return (
    <div className={`file-transfer${overlay ? ' file-transfer-overlay' : ''}`}>
      <div className="file-transfer-main">
        <ProgressBar value={value} label={t('transfer.uploadProgress', { name })} />
        <span className="file-transfer-text" aria-live="polite">
          {text}
        </span>
      </div>
      {(status.kind === 'progress' || status.kind === 'preparing' || status.kind === 'waiting') &&
        transfer && (
          <button
            type="button"
            className="file-transfer-btn"
            aria-label={t('transfer.pause')}
            title={t('transfer.pause')}
            onClick={() => void pause(id).catch(fail)}
          >
            <Icon name="pause" size={14} />
          </button>
        )}
      {status.kind === 'paused' && (
        <button
          type="button"
          className="file-transfer-btn"
          aria-label={t('transfer.resume')}
          title={t('transfer.resume')}
          onClick={() => void resume(id).catch(fail)}
        >
          <Icon name="play" size={14} />
        </button>
      )}
      {status.kind !== 'sending' && (
        <button
          type="button"
          className="file-transfer-btn"
          aria-label={t('transfer.cancelUpload')}
          title={t('transfer.cancelUpload')}
          onClick={() => void cancel(id).catch(fail)}
        >
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}

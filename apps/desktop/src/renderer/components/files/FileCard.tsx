import type { FileInfo, OutboxEntry } from '@parley/shared';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { downloadTransferId, type FileRef } from '../../store/transfers.js';
import { Icon } from '../common/Icon.js';
import { messageErrorText } from '../message/message-error.js';
import { IpcError } from '../../api/parley.js';
import { fileFamily, tileLabel } from './file-kind.js';
import { formatSize, progressOf } from './format.js';
import { ProgressBar } from './ProgressBar.js';
import { downloadStatus } from './transfer-status.js';
import { UploadStatusLine } from './UploadStatusLine.js';
import { useFileCommands } from './use-file-commands.js';
import './files.css';

/** The coloured tile of a file: its family's colour and its extension. */
export function FileTile({ name, mime }: { name: string; mime: string }) {
  const label = tileLabel(name);
  return (
    <span className="file-tile" data-family={fileFamily(name, mime)} aria-hidden="true">
      {label === '' ? <Icon name="file" size={22} /> : <span className="file-tile-label">{label}</span>}
    </span>
  );
}

/** The tile, the name, and a line with the size (and how the download stands) and the time. */
function CardHead({
  name,
  size,
  mime,
  detail,
  meta,
}: {
  name: string;
  size: number;
  mime: string;
  detail?: ReactNode;
  meta: ReactNode;
}) {
  const locale = useStore((s) => s.language);
  return (
    <div className="file-card-head">
      <FileTile name={name} mime={mime} />
      <div className="file-card-text">
        <span className="file-card-name" title={name}>
          {name}
        </span>
        <span className="file-card-sub">
          <span className="file-card-size">
            {formatSize(size, locale)}
            {detail}
          </span>
          {meta}
        </span>
      </div>
    </div>
  );
}

/** A file being sent: what it is, and how far the upload got. */
export function PendingFileCard({ entry, meta }: { entry: OutboxEntry; meta: ReactNode }) {
  const { t } = useTranslation('files');
  const locale = useStore((s) => s.language);
  const c = entry.content;
  if (c.kind === 'text') return null;
  return (
    <div
      className="file-card"
      role="group"
      aria-label={t('card.label', { name: c.name, size: formatSize(c.size, locale) })}
    >
      <CardHead name={c.name} size={c.size} mime={c.mime} meta={meta} />
      <UploadStatusLine entry={entry} />
    </div>
  );
}

/** A sent file: download it (with progress, pause and cancel), open it, show it in its folder, save it elsewhere. */
export function FileCard({ fileRef, file, meta }: { fileRef: FileRef; file: FileInfo; meta: ReactNode }) {
  const { t } = useTranslation('files');
  const { t: tconv } = useTranslation('conversation');
  const { t: tc } = useTranslation();
  const locale = useStore((s) => s.language);
  const id = downloadTransferId(file.id);
  const transfer = useStore((s) => s.transfers[id]);
  const downloaded = useStore((s) => s.downloaded[file.id] === true);
  const checkDownloaded = useStore((s) => s.checkDownloaded);
  const { conversationId, messageId } = fileRef;
  useEffect(() => {
    checkDownloaded({ conversationId, messageId }, file.id);
  }, [checkDownloaded, conversationId, messageId, file.id]);
  const pause = useStore((s) => s.pauseTransfer);
  const resume = useStore((s) => s.resumeTransfer);
  const cancel = useStore((s) => s.cancelTransfer);
  const toast = useStore((s) => s.toast);
  const commands = useFileCommands(fileRef, file);
  const status = downloadStatus(transfer, downloaded);
  const fail = (err: unknown) => toast(messageErrorText(tconv, tc, err), 'error');
  const of = (done: number, total: number) => ({
    done: formatSize(done, locale),
    total: formatSize(total, locale),
  });

  return (
    <div
      className="file-card"
      role="group"
      aria-label={t('card.label', { name: file.name, size: formatSize(file.size, locale) })}
    >
      <CardHead
        name={file.name}
        size={file.size}
        mime={file.mime}
        detail={
          status.kind === 'done' ? (
            <span className="file-card-done">
              {' · '}
              {t('card.downloaded')}
            </span>
          ) : null
        }
        meta={meta}
      />
      {(status.kind === 'progress' || status.kind === 'paused') && (
        <div className="file-transfer">
          <div className="file-transfer-main">
            <ProgressBar
              value={progressOf(status.done, status.total)}
              label={t('transfer.downloadProgress', { name: file.name })}
            />
            <span className="file-transfer-text">
              {t(
                status.kind === 'paused' ? 'transfer.paused' : 'transfer.received',
                of(status.done, status.total),
              )}
            </span>
          </div>
          <button
            type="button"
            className="file-transfer-btn"
            aria-label={t(status.kind === 'paused' ? 'transfer.resume' : 'transfer.pause')}
            title={t(status.kind === 'paused' ? 'transfer.resume' : 'transfer.pause')}
            onClick={() => void (status.kind === 'paused' ? resume(id) : pause(id)).catch(fail)}
          >
            <Icon name={status.kind === 'paused' ? 'play' : 'pause'} size={14} />
          </button>
          <button
            type="button"
            className="file-transfer-btn"
            aria-label={t('transfer.cancelDownload')}
            title={t('transfer.cancelDownload')}
            onClick={() => void cancel(id).catch(fail)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {status.kind === 'failed' && (
        <p className="file-card-error" role="alert">
          {t('transfer.failed', {
            reason: messageErrorText(tconv, tc, new IpcError(status.error)),
          })}
        </p>
      )}
      <div className="file-card-foot">
        <div className="file-card-actions">
          {status.kind === 'done' ? (
            <>
              <button type="button" className="file-card-action" onClick={commands.open}>
                <Icon name="external" size={14} />
                {t('card.open')}
              </button>
              <button type="button" className="file-card-action" onClick={commands.showInFolder}>
                <Icon name="folder" size={14} />
                {t('card.showInFolder')}
              </button>
            </>
          ) : status.kind === 'none' || status.kind === 'failed' ? (
            <button type="button" className="file-card-action" onClick={commands.download}>
              <Icon name="download" size={14} />
              {status.kind === 'failed' ? t('transfer.retry') : t('card.download')}
            </button>
          ) : null}
          <button type="button" className="file-card-action" onClick={commands.saveAs}>
            <Icon name="save" size={14} />
            {t('card.saveAs')}
          </button>
        </div>
      </div>
      {commands.confirm}
    </div>
  );
}

import type { ConnectionState, OutboxEntry, Transfer } from '@parley/shared';

/** What a file message still being sent shows under its preview. */
export type UploadStatus =
  | { kind: 'preparing' }
  | { kind: 'waiting'; online: boolean }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'paused'; done: number; total: number }
  /** The server has the file; the message itself is being sent. */
  | { kind: 'sending' }
  /** Refused or unreadable: the bubble offers Retry and Discard instead. */
  | { kind: 'failed' };

/**
 * From the outbox entry and its transfer (which may not have arrived yet): a failed entry is failed
 * whatever the transfer says; an entry that names its file has finished uploading.
 */
export function uploadStatus(
  entry: Pick<OutboxEntry, 'state' | 'content'>,
  transfer: Transfer | undefined,
  connection: ConnectionState,
): UploadStatus {
  if (entry.state === 'failed') return { kind: 'failed' };
  if (entry.content.kind !== 'text' && entry.content.fileId !== null) return { kind: 'sending' };
  const online = connection === 'online';
  switch (transfer?.state) {
    case undefined:
    case 'queued':
      return { kind: 'waiting', online };
    case 'hashing':
      return { kind: 'preparing' };
    case 'active':
      return { kind: 'progress', done: transfer.bytesDone, total: transfer.size };
    case 'paused':
      return { kind: 'paused', done: transfer.bytesDone, total: transfer.size };
    case 'done':
      return { kind: 'sending' };
    case 'failed':
    case 'cancelled':
      return { kind: 'failed' };
  }
}

/** Where a file card of a received (or sent) file stands on this device. */
export type DownloadStatus =
  | { kind: 'none' }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'paused'; done: number; total: number }
  | { kind: 'failed'; error: NonNullable<Transfer['error']> }
  | { kind: 'done' };

export function downloadStatus(transfer: Transfer | undefined, downloaded: boolean): DownloadStatus {
  switch (transfer?.state) {
    case 'hashing':
    case 'queued':
    case 'active':
      return { kind: 'progress', done: transfer.bytesDone, total: transfer.size };
    case 'paused':
      return { kind: 'paused', done: transfer.bytesDone, total: transfer.size };
    case 'failed':
      return { kind: 'failed', error: transfer.error ?? { code: 'NETWORK', message: '' } };
    default:
      return downloaded ? { kind: 'done' } : { kind: 'none' };
  }
}

import type { Transfer } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { downloadStatus, uploadStatus } from '../../src/renderer/components/files/transfer-status.js';
import { applyTransferChanges } from '../../src/renderer/store/transfers.js';
import { pendingFile } from './chats-fixtures.js';

const transfer = (over: Partial<Transfer>): Transfer => ({
  id: 'k3',
  direction: 'upload',
  conversationId: 'c1',
  fileId: null,
  name: 'a.bin',
  size: 1000,
  bytesDone: 0,
  state: 'queued',
  error: null,
  ...over,
});

describe('a file message being sent', () => {
  const entry = pendingFile('file', 'a.bin', 0);

  it('waits (saying why when offline) until its transfer is known and running', () => {
    expect(uploadStatus(entry, undefined, 'online')).toEqual({ kind: 'waiting', online: true });
    expect(uploadStatus(entry, transfer({ state: 'queued' }), 'offline')).toEqual({
      kind: 'waiting',
      online: false,
    });
    expect(uploadStatus(entry, transfer({ state: 'hashing' }), 'online')).toEqual({ kind: 'preparing' });
  });

  it('shows its progress, paused or not', () => {
    expect(uploadStatus(entry, transfer({ state: 'active', bytesDone: 250 }), 'online')).toEqual({
      kind: 'progress',
      done: 250,
      total: 1000,
    });
    expect(uploadStatus(entry, transfer({ state: 'paused', bytesDone: 400 }), 'offline')).toEqual({
      kind: 'paused',
      done: 400,
      total: 1000,
    });
  });

  it('is being sent once the server has the file', () => {
    const uploaded = pendingFile('file', 'a.bin', 0, { fileId: 'f1' });
    expect(uploadStatus(uploaded, transfer({ state: 'active' }), 'online')).toEqual({ kind: 'sending' });
    expect(uploadStatus(entry, transfer({ state: 'done' }), 'online')).toEqual({ kind: 'sending' });
  });

  it('is failed when its entry is, whatever the transfer says', () => {
    expect(uploadStatus({ ...entry, state: 'failed' }, transfer({ state: 'active' }), 'online')).toEqual({
      kind: 'failed',
    });
  });
});

describe('a file card’s download', () => {
  const download = (over: Partial<Transfer>) =>
    transfer({ id: 'download:f1', direction: 'download', fileId: 'f1', ...over });

  it('offers Download until something happens, and Open once the file is here', () => {
    expect(downloadStatus(undefined, false)).toEqual({ kind: 'none' });
    expect(downloadStatus(undefined, true)).toEqual({ kind: 'done' });
  });

  it('shows progress, a pause, or why it failed', () => {
    expect(downloadStatus(download({ state: 'active', bytesDone: 10 }), false)).toEqual({
      kind: 'progress',
      done: 10,
      total: 1000,
    });
    expect(downloadStatus(download({ state: 'paused', bytesDone: 10 }), false)).toMatchObject({
      kind: 'paused',
    });
    expect(
      downloadStatus(
        download({ state: 'failed', error: { code: 'FILE_NOT_FOUND', message: 'gone' } }),
        false,
      ),
    ).toEqual({ kind: 'failed', error: { code: 'FILE_NOT_FOUND', message: 'gone' } });
  });
});

describe('the transfers the store keeps', () => {
  const empty = { transfers: {}, downloaded: {} };

  it('follows progress and drops finished or cancelled transfers', () => {
    const running = applyTransferChanges(empty, [transfer({ state: 'active', bytesDone: 10 })]);
    expect(running.transfers).toEqual({ k3: transfer({ state: 'active', bytesDone: 10 }) });
    expect(applyTransferChanges(running, [transfer({ state: 'done' })]).transfers).toEqual({});
    expect(applyTransferChanges(running, [transfer({ state: 'cancelled' })]).transfers).toEqual({});
  });

  it('remembers which files were downloaded, until one starts again', () => {
    const d = (state: Transfer['state']) =>
      transfer({ id: 'download:f1', direction: 'download', fileId: 'f1', state });
    const done = applyTransferChanges(empty, [d('active'), d('done')]);
    expect(done).toEqual({ transfers: {}, downloaded: { f1: true } });
    expect(applyTransferChanges(done, [d('active')]).downloaded).toEqual({});
    // An upload finishing says nothing about the cache.
    expect(applyTransferChanges(empty, [transfer({ state: 'done', fileId: 'f2' })]).downloaded).toEqual({});
  });
});

import { type ErrorCode, isErrorCode, type PendingFileContent, type Transfer } from '@parley/shared';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalStore } from '../store/local-store.js';
import type { UploadRecord } from '../store/uploads.js';
import { ApiError } from '../sync/api-client.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { FileCache } from './file-cache.js';
import type { FilesHttp } from './files-http.js';
import { type FileStamp, hashFile, sameStamp, stampOf } from './hash.js';
import { IoError, probeFile } from './probe.js';
import type { TransferEvents } from './transfer-events.js';
import { TusFailure, tusAttempt } from './tus-upload.js';

export interface UploadsOptions {
  store: LocalStore;
  sync: SyncEngine;
  http: FilesHttp;
  cache: FileCache;
  events: TransferEvents;
  /** Outbox entries of these conversations changed (their state, their content). */
  changed: (conversationId: string) => void;
  /** Back-off between attempts while the server cannot be reached, jittered by ±50 %. */
  retryDelayMs: number;
  retryDelayMaxMs: number;
  /** How many uploads run at once; the rest wait their turn, oldest first. */
  concurrency: number;
  chunkSize?: number;
  stallMs?: number;
}

type Phase = 'hashing' | 'active' | 'waiting';

interface Running {
  controller: AbortController;
  phase: Phase;
  /** Bytes sent in this attempt, confirmed or not. */
  sent: number | null;
}

/** What to do after a failed attempt. */
type Verdict =
  | { kind: 'fail'; code: ErrorCode | 'IO' | 'BAD_RESPONSE'; message: string }
  | { kind: 'again' }
  | { kind: 'wait' };

/** Statuses after which the same request is worth repeating later. */
const TRANSIENT = new Set([408, 409, 423, 425, 429]);
/** Consecutive immediate retries (new token, new upload) before waiting like for the network. */
const AGAIN_MAX = 3;

const fileIdOf = (uploadUrl: string) => new URL(uploadUrl).pathname.split('/').pop() ?? '';

/**
 * The uploads of file messages in the outbox. Each is hashed (streaming), then sent with tus in
 * chunks; the upload URL and the confirmed offset are written down as they come, so after a drop or
 * a restart it goes on from the server's offset. While the server cannot be reached it waits and
 * tries again; a refusal fails its outbox entry with the server's code. When the server has every
 * byte, the entry names the file and the outbox sends the message.
 */
export class Uploads {
  private readonly running = new Map<string, Running>();
  private readonly queue: string[] = [];
  /** Entries whose file is hashed again before their next attempt (a Retry). */
  private readonly rehash = new Set<string>();
  private readonly onlineWaiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly o: UploadsOptions) {
    o.sync.on('connection', (state) => {
      if (state !== 'online') return;
      for (const wake of [...this.onlineWaiters]) wake();
    });
  }

  /** Starts every unfinished upload that is not paused or failed (after the core opens). */
  resumeAll(): void {
    for (const u of this.o.store.uploads.all()) this.enqueue(u.clientMsgId);
  }

  enqueue(id: string): void {
    if (this.closed || this.running.has(id) || this.queue.includes(id) || !this.runnable(id)) return;
    this.queue.push(id);
    this.o.events.changed(id);
    this.pump();
  }

  /** Stops an upload where it is; it stays paused, across restarts, until resumed. */
  pause(id: string): boolean {
    const u = this.o.store.uploads.get(id);
    if (!u || u.file) return false;
    this.o.store.uploads.setPaused(id, true);
    this.stop(id);
    this.o.events.changed(id);
    return true;
  }

  resume(id: string): boolean {
    if (!this.o.store.uploads.setPaused(id, false)) return false;
    this.o.events.changed(id);
    this.enqueue(id);
    return true;
  }

  /**
   * A failed file message is tried again: the user's file is hashed again (it may have been
   * fixed), and a file the server no longer has is uploaded again.
   */
  retry(id: string): void {
    const u = this.o.store.uploads.get(id);
    const entry = this.o.store.outbox.get(id);
    if (!u || !entry) return;
    if (u.file && entry.error?.code === 'FILE_NOT_FOUND') {
      this.o.store.tx(() => {
        this.o.store.uploads.unfinish(id);
        if (entry.content.kind !== 'text')
          this.o.store.outbox.setContent(id, { ...entry.content, fileId: null });
      });
    }
    if (!u.file) this.rehash.add(id);
    this.o.sync.retry(id);
    this.enqueue(id);
  }

  /**
   * Drops a file message with its upload: stops it, ends the upload on the server (tus DELETE, best
   * effort: an unfinished upload expires anyway) and removes our copy of the bytes.
   */
  async discard(id: string): Promise<void> {
    const u = this.o.store.uploads.get(id);
    const before = this.transfer(id);
    this.stop(id);
    this.o.sync.discard(id);
    if (!u) return;
    if (before) this.o.events.changed(id, { ...before, state: 'cancelled' });
    if (u.source === 'copy' && u.path === this.o.cache.outgoing(id)) await rm(u.path, { force: true });
    // A finished upload no message carries is deleted too (the server keeps one a message does).
    if (u.uploadUrl) await this.o.http.terminate(u.uploadUrl);
  }

  /** The transfer of one upload as the renderer sees it, or null when there is none. */
  transfer(id: string): Transfer | null {
    const u = this.o.store.uploads.get(id);
    const entry = this.o.store.outbox.get(id);
    if (!u || !entry || entry.content.kind === 'text') return null;
    const r = this.running.get(id);
    let state: Transfer['state'];
    if (entry.state === 'failed') state = 'failed';
    else if (u.file) state = 'done';
    else if (u.paused) state = 'paused';
    else if (r?.phase === 'hashing') state = 'hashing';
    else if (r?.phase === 'active') state = 'active';
    else state = 'queued';
    return {
      id,
      direction: 'upload',
      conversationId: entry.conversationId,
      fileId: u.file?.id ?? null,
      name: entry.content.name,
      size: u.size,
      bytesDone: Math.min(u.size, Math.max(u.confirmedOffset, r?.sent ?? 0)),
      state,
      error: entry.error,
    };
  }

  transfers(): Transfer[] {
    return this.o.store.uploads.all().flatMap((u) => this.transfer(u.clientMsgId) ?? []);
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    for (const id of [...this.running.keys()]) this.stop(id);
  }

  private runnable(id: string): boolean {
    const u = this.o.store.uploads.get(id);
    const entry = this.o.store.outbox.get(id);
    return !!u && !!entry && entry.state === 'pending' && !u.paused && !u.file;
  }

  private stop(id: string): void {
    const at = this.queue.indexOf(id);
    if (at >= 0) this.queue.splice(at, 1);
    this.running.get(id)?.controller.abort();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.o.concurrency) {
      const id = this.queue.shift();
      if (id === undefined) return;
      if (!this.runnable(id)) continue;
      const r: Running = { controller: new AbortController(), phase: 'waiting', sent: null };
      this.running.set(id, r);
      void this.run(id, r).finally(() => {
        if (this.running.get(id) === r) this.running.delete(id);
        this.o.events.changed(id);
        this.pump();
      });
    }
  }

  private setPhase(id: string, r: Running, phase: Phase): void {
    if (r.phase === phase) return;
    r.phase = phase;
    this.o.events.changed(id);
  }

  private async run(id: string, r: Running): Promise<void> {
    const { signal } = r.controller;
    // A function, not the property: it changes while this awaits.
    const stopped = () => signal.aborted;
    let waits = 0;
    let again = 0;
    for (;;) {
      if (stopped() || !this.runnable(id)) return;
      const confirmedBefore = this.o.store.uploads.get(id)?.confirmedOffset ?? 0;
      try {
        const stamp = await this.hashed(id, r);
        // Hashed while offline: it waits for the link now, and says so.
        if (this.o.sync.connection !== 'online') this.setPhase(id, r, 'waiting');
        await this.online(signal);
        this.setPhase(id, r, 'active');
        const url = await this.attempt(id, r, stamp);
        const info = await this.o.http.info(fileIdOf(url));
        await this.finish(id, info);
        return;
      } catch (err) {
        if (stopped()) return;
        const verdict = await this.verdict(id, err);
        if (verdict.kind === 'fail') {
          this.fail(id, verdict.code, verdict.message);
          return;
        }
        r.sent = null;
        if (verdict.kind === 'again' && ++again <= AGAIN_MAX) continue;
        again = 0;
        // Progress made this time starts the back-off over.
        const progressed = (this.o.store.uploads.get(id)?.confirmedOffset ?? 0) > confirmedBefore;
        waits = progressed ? 0 : waits + 1;
        this.setPhase(id, r, 'waiting');
        const base = Math.min(this.o.retryDelayMaxMs, this.o.retryDelayMs * 2 ** Math.min(waits, 10));
        await sleep(base * (0.5 + Math.random()), undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /**
   * Makes sure the upload has its hash. A user's file is read where it is, so it must still be what
   * was hashed: a change fails the entry (IO) until a Retry hashes it again.
   */
  private async hashed(id: string, r: Running): Promise<FileStamp | null> {
    const u = this.require(id);
    const entry = this.o.store.outbox.get(id);
    const name = entry && entry.content.kind !== 'text' ? entry.content.name : 'the file';
    const forced = this.rehash.has(id);
    if (u.sha256 && !forced) {
      if (u.source === 'copy' || u.mtimeMs === null) return null;
      const now = await stampOf(u.path).catch(() => null);
      if (!now) throw new IoError(`${name} was moved or deleted before it was sent`);
      if (!sameStamp(now, { size: u.size, mtimeMs: u.mtimeMs }))
        throw new IoError(`${name} was changed before it was sent`);
      return now;
    }
    this.setPhase(id, r, 'hashing');
    const { sha256, stamp } = await hashFile(u.path, { signal: r.controller.signal, name });
    const oldUrl = u.uploadUrl;
    const content = entry?.content;
    const probe =
      forced && content && content.kind !== 'text' ? await probeFile(u.path, name).catch(() => null) : null;
    this.o.store.tx(() => {
      this.o.store.uploads.hashed(id, sha256, stamp.size, u.source === 'path' ? stamp.mtimeMs : null);
      if (probe && content && content.kind !== 'text') {
        const updated: PendingFileContent = {
          ...content,
          size: stamp.size,
          width: content.kind === 'image' ? probe.width : content.width,
          height: content.kind === 'image' ? probe.height : content.height,
        };
        this.o.store.outbox.setContent(id, updated);
      }
    });
    this.rehash.delete(id);
    // New bytes: the upload the server holds for the old ones is of no use.
    if (oldUrl && this.o.store.uploads.get(id)?.uploadUrl === null) void this.o.http.terminate(oldUrl);
    if (probe && entry) this.o.changed(entry.conversationId);
    return u.source === 'path' ? stamp : null;
  }

  private async online(signal: AbortSignal): Promise<void> {
    if (this.o.sync.connection === 'online') return;
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        this.onlineWaiters.delete(wake);
        signal.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        this.onlineWaiters.delete(wake);
        reject(signal.reason as Error);
      };
      this.onlineWaiters.add(wake);
      signal.addEventListener('abort', stop, { once: true });
    });
  }

  private async attempt(id: string, r: Running, stamp: FileStamp | null): Promise<string> {
    const u = this.require(id);
    const entry = this.o.store.outbox.get(id);
    if (!entry || entry.content.kind === 'text' || !u.sha256) throw new IoError('the upload lost its record');
    const { done, abort } = tusAttempt({
      endpoint: this.o.http.uploadsEndpoint,
      uploadUrl: u.uploadUrl,
      path: u.path,
      size: u.size,
      stamp,
      displayName: entry.content.name,
      metadata: {
        conversationId: entry.conversationId,
        name: entry.content.name,
        type: entry.content.mime,
        sha256: u.sha256,
      },
      bearer: () => this.o.sync.bearer(),
      agent: this.o.sync.tls.agent,
      ...(this.o.chunkSize ? { chunkSize: this.o.chunkSize } : {}),
      ...(this.o.stallMs ? { stallMs: this.o.stallMs } : {}),
      onUrl: (url) => {
        this.o.store.uploads.setUrl(id, url);
      },
      onConfirmed: (offset) => {
        this.o.store.uploads.setOffset(id, offset);
      },
      onProgress: (sent) => {
        r.sent = sent;
        this.o.events.progressed(id);
      },
    });
    const onAbort = () => {
      abort();
    };
    r.controller.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await done;
    } finally {
      r.controller.signal.removeEventListener('abort', onAbort);
    }
  }

  /** The server has the file: the entry now names it, our copy joins the cache, and the outbox sends it. */
  private async finish(id: string, info: NonNullable<UploadRecord['file']>): Promise<void> {
    const u = this.require(id);
    const moved = u.source === 'copy' && u.sha256 ? await this.o.cache.adopt(u.path, u.sha256) : null;
    const entry = this.o.store.outbox.get(id);
    this.o.store.tx(() => {
      this.o.store.uploads.finished(id, info);
      if (moved) this.o.store.uploads.moved(id, moved);
      if (entry && entry.content.kind !== 'text')
        this.o.store.outbox.setContent(id, { ...entry.content, fileId: info.id });
    });
    this.o.events.changed(id);
    if (entry) this.o.changed(entry.conversationId);
    void this.o.sync.flushOutbox();
  }

  private fail(id: string, code: ErrorCode | 'IO' | 'BAD_RESPONSE', message: string): void {
    const entry = this.o.store.outbox.get(id);
    if (!entry) return;
    this.o.store.outbox.fail(id, code, message);
    this.o.events.changed(id);
    this.o.changed(entry.conversationId);
  }

  private async verdict(id: string, err: unknown): Promise<Verdict> {
    if (err instanceof IoError) return { kind: 'fail', code: 'IO', message: err.message };
    if (err instanceof TusFailure) {
      const code = err.body?.code;
      if (err.status === null) return { kind: 'wait' };
      if (err.status === 401) return this.refreshed();
      if (code === 'CHECKSUM_MISMATCH') {
        // The server dropped what it had; a Retry starts a new upload.
        this.o.store.uploads.setUrl(id, null);
        return { kind: 'fail', code, message: err.message };
      }
      if (err.method !== 'POST' && (err.status === 404 || err.status === 410)) {
        // The upload expired or was swept: start a new one.
        this.o.store.uploads.setUrl(id, null);
        return { kind: 'again' };
      }
      if (err.status >= 500 || TRANSIENT.has(err.status)) return { kind: 'wait' };
      if (code !== undefined) return { kind: 'fail', code, message: err.message };
      // A refusal without our error body comes from something in front of the server (a reverse
      // proxy's body limit, a firewall): waiting will not change it, so the message fails, with Retry.
      if (err.status === 413) {
        return {
          kind: 'fail',
          code: 'FILE_TOO_LARGE',
          message: 'the server (or a proxy in front of it) refused a request this large',
        };
      }
      return {
        kind: 'fail',
        code: 'BAD_RESPONSE',
        message: `the server answered HTTP ${err.status} to the upload`,
      };
    }
    if (err instanceof ApiError) {
      if (err.code === 'NETWORK' || err.code === 'BAD_RESPONSE' || err.code === 'RATE_LIMITED')
        return { kind: 'wait' };
      if (err.code === 'FILE_NOT_FOUND') {
        this.o.store.uploads.setUrl(id, null);
        return { kind: 'again' };
      }
      if (['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'SESSION_REVOKED'].includes(err.code))
        return { kind: 'wait' };
      if (isErrorCode(err.code) && err.code !== 'INTERNAL' && err.code !== 'SERVER_SHUTTING_DOWN')
        return { kind: 'fail', code: err.code, message: err.message };
      return { kind: 'wait' };
    }
    console.error('[files] upload attempt failed', err);
    return { kind: 'wait' };
  }

  private async refreshed(): Promise<Verdict> {
    try {
      await this.o.sync.tokenRefused();
      return { kind: 'again' };
    } catch {
      return { kind: 'wait' };
    }
  }

  private require(id: string): UploadRecord {
    const u = this.o.store.uploads.get(id);
    if (!u) throw new IoError('the upload lost its record');
    return u;
  }
}

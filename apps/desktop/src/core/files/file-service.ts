import {
  type FileId,
  type FileSource,
  Limits,
  type Me,
  type SendFilesRequest,
  type Transfer,
} from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { CoreError } from '../core-error.js';
import type { KnownFile } from '../store/files.js';
import type { LocalStore } from '../store/local-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { OutboxEntry } from '../types.js';
import { CacheJanitor } from './cache-janitor.js';
import { Downloads, DownloadStopped } from './downloads.js';
import { exists, FileCache } from './file-cache.js';
import { fileResponse, type FileRoute, type LocalBytes } from './file-responses.js';
import { apiErrorOf, FilesHttp } from './files-http.js';
import { classify, IoError, type Probe, probeFile } from './probe.js';
import { SNIFF_BYTES, sniffType } from './sniff.js';
import { TransferEvents } from './transfer-events.js';
import { Uploads } from './uploads.js';

export interface FileServiceOptions {
  dataDir: string;
  store: LocalStore;
  sync: SyncEngine;
  /** Outbox entries (or cached files) of a conversation changed. */
  changed: (conversationId: string) => void;
  /** Transfers changed (progress at most every `progressIntervalMs` per transfer). */
  transfersChanged: (transfers: Transfer[]) => void;
  retryDelayMs: number;
  retryDelayMaxMs: number;
  uploadConcurrency?: number;
  chunkSize?: number;
  progressIntervalMs?: number;
}

export type FileRef = { conversationId: string; messageId: string };
type SendRequest = z.output<typeof SendFilesRequest>;

/** A thumbnail being rendered: asked again this many times, Retry-After apart (at most 2 s each). */
const DERIVED_TRIES = 6;

/** How long after something lands in the cache it is checked against the limit (one trim for a burst). */
const TRIM_DELAY_MS = 1_000;

export interface CacheUsage {
  bytes: number;
  /** The user's limit; null: none. */
  limitBytes: number | null;
}

/**
 * Everything about files on the desktop: sending them (outbox entries whose uploads run first),
 * the cache of originals, thumbnails and avatars, the transfers the renderer watches, and the
 * answers to the renderer's file URLs.
 */
export class FileService {
  readonly cache: FileCache;
  readonly http: FilesHttp;
  readonly uploads: Uploads;
  readonly downloads: Downloads;
  private readonly events: TransferEvents;
  private readonly fetching = new Map<string, Promise<boolean>>();
  private readonly janitor: CacheJanitor;
  private cacheLimit: number | null = null;
  private trimTimer: NodeJS.Timeout | null = null;
  private trimming: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly o: FileServiceOptions) {
    this.cache = new FileCache(o.dataDir);
    this.http = new FilesHttp(o.sync);
    this.events = new TransferEvents(
      (id) => (this.closed ? null : this.transfer(id)),
      (transfers) => {
        if (!this.closed) o.transfersChanged(transfers);
      },
      o.progressIntervalMs,
    );
    this.uploads = new Uploads({
      store: o.store,
      sync: o.sync,
      http: this.http,
      cache: this.cache,
      events: this.events,
      changed: o.changed,
      retryDelayMs: o.retryDelayMs,
      retryDelayMaxMs: o.retryDelayMaxMs,
      concurrency: o.uploadConcurrency ?? 2,
      ...(o.chunkSize ? { chunkSize: o.chunkSize } : {}),
    });
    this.downloads = new Downloads({
      http: this.http,
      cache: this.cache,
      events: this.events,
      retryDelayMs: o.retryDelayMs,
      retryDelayMaxMs: o.retryDelayMaxMs,
      stored: (bytes) => {
        this.janitor.grew(bytes);
        this.trimSoon();
      },
    });
    this.janitor = new CacheJanitor({
      cache: this.cache,
      inUse: () => new Set([...o.store.uploads.all().map((u) => u.path), ...this.downloads.partials()]),
    });
  }

  /** What the cache holds, and the limit it is kept under. */
  async cacheUsage(): Promise<CacheUsage> {
    await this.trimming;
    return { bytes: await this.janitor.usage(), limitBytes: this.cacheLimit };
  }

  /** Keeps the cache under `bytes` from now on (null: no limit), trimming it at once if need be. */
  setCacheLimit(bytes: number | null): void {
    this.cacheLimit = bytes;
    this.trimNow();
  }

  /**
   * Deletes every cached file that comes back from the server when needed: originals, thumbnails,
   * previews, avatars. Bytes of messages still being sent and partial downloads stay. Returns the
   * bytes freed.
   */
  clearCache(): Promise<number> {
    const cleared = this.trimming.then(() => this.janitor.clear());
    this.trimming = cleared.catch(() => undefined);
    return cleared;
  }

  /** Goes on with every upload a previous run left unfinished (not the paused or failed ones). */
  resumeUploads(): void {
    this.uploads.resumeAll();
  }

  /**
   * One outbox entry per item, each shown at once; their uploads start in the background. Every
   * item is read first (a file that cannot be read refuses the whole call before anything is
   * queued); bytes handed over are written to disk first, so they survive a restart.
   */
  async send(request: SendRequest): Promise<OutboxEntry[]> {
    const { store, sync } = this.o;
    const { conversationId, items, replyTo } = request;
    if (!store.conversations.get(conversationId))
      throw new CoreError('CONVERSATION_NOT_FOUND', 'no such conversation in the cache');
    const prepared: {
      clientMsgId: string;
      source: 'path' | 'copy';
      path: string;
      name: string;
      probe: Probe;
      declared: string | null;
      voice: SendRequest['items'][number]['voice'];
    }[] = [];
    const written: string[] = [];
    try {
      for (const { source, voice } of items) {
        const clientMsgId = randomUUID();
        if (source.kind === 'bytes') {
          const path = this.cache.outgoing(clientMsgId);
          await writeDurably(path, source.data);
          written.push(path);
          const probe = await probeFile(path, source.name);
          prepared.push({
            clientMsgId,
            source: 'copy',
            path,
            name: source.name,
            probe,
            declared: source.type,
            voice,
          });
        } else {
          const name = basename(source.path);
          const probe = await probeFile(source.path, name);
          prepared.push({
            clientMsgId,
            source: 'path',
            path: source.path,
            name,
            probe,
            declared: null,
            voice,
          });
        }
      }
    } catch (err) {
      await Promise.all(written.map((path) => rm(path, { force: true })));
      throw err;
    }
    const entries = prepared.map((p, i) => {
      const { kind, mime } = classify(p.probe, p.declared, p.voice !== undefined);
      return sync.queue(
        conversationId,
        {
          kind,
          name: shortName(p.name),
          size: p.probe.size,
          mime,
          width: kind === 'image' ? p.probe.width : null,
          height: kind === 'image' ? p.probe.height : null,
          ...(p.voice ? { durationMs: p.voice.durationMs, waveform: p.voice.waveform } : {}),
          ...(kind === 'video' && p.probe.durationMs !== null
            ? { durationMs: Math.min(p.probe.durationMs, Limits.mediaDurationMaxMs) }
            : {}),
          ...(i === 0 && replyTo !== undefined ? { replyTo } : {}),
          fileId: null,
        },
        {
          clientMsgId: p.clientMsgId,
          alongside: () => {
            store.uploads.add({
              clientMsgId: p.clientMsgId,
              source: p.source,
              path: p.path,
              size: p.probe.size,
              mtimeMs: p.source === 'path' ? p.probe.mtimeMs : null,
            });
          },
        },
      );
    });
    for (const e of entries) this.uploads.enqueue(e.clientMsgId);
    return entries;
  }

  /** The file a cached message carries. */
  fileOf(ref: FileRef): KnownFile {
    const m = this.o.store.messages.shown(ref.conversationId, ref.messageId);
    if (!m) throw new CoreError('MESSAGE_NOT_FOUND', 'no such message in this conversation');
    const c = m.content;
    if (!c || c.kind === 'text') throw new CoreError('FILE_NOT_FOUND', 'this message carries no file');
    return { info: c.file, messageId: m.id, conversationId: m.conversationId };
  }

  /** Which of these messages' files are whole in the cache (a cached blob was checked on arrival). */
  async downloaded(refs: readonly FileRef[]): Promise<FileId[]> {
    const here: FileId[] = [];
    for (const ref of refs) {
      const m = this.o.store.messages.shown(ref.conversationId, ref.messageId);
      const c = m?.content;
      if (!c || c.kind === 'text') continue;
      if (await exists(this.cache.blob(c.file.sha256))) here.push(c.file.id);
    }
    return here;
  }

  /** The message's file in the cache, downloading it first if need be. Resolves quietly when the download is paused or cancelled. */
  async download(ref: FileRef): Promise<string | null> {
    try {
      return await this.downloads.fetch(this.fileOf(ref));
    } catch (err) {
      if (err instanceof DownloadStopped) return null;
      throw err;
    }
  }

  /** The file under its own name (for the system's apps and file manager), downloaded first if need be. */
  async named(ref: FileRef): Promise<string> {
    const file = this.fileOf(ref);
    await this.janitor.touch(await this.downloads.fetch(file));
    return this.cache.nameBlob(file.info.sha256, file.info.id, file.info.name);
  }

  /** Copies the file (downloaded first if need be) to where the user chose. */
  async saveTo(ref: FileRef, destination: string): Promise<void> {
    const path = await this.downloads.fetch(this.fileOf(ref));
    try {
      await mkdir(dirname(destination), { recursive: true });
      await copyFile(path, destination);
    } catch (err) {
      throw new IoError(`cannot save to ${destination}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
        cause: err,
      });
    }
  }

  transfer(id: string): Transfer | null {
    return id.startsWith('download:') ? this.downloads.transfer(id) : this.uploads.transfer(id);
  }

  transfers(): Transfer[] {
    return [...this.uploads.transfers(), ...this.downloads.transfers()];
  }

  pause(id: string): void {
    if (id.startsWith('download:')) this.downloads.pause(this.requireDownload(id));
    else if (!this.uploads.pause(id)) this.unknownTransfer(id);
  }

  resume(id: string): void {
    if (id.startsWith('download:')) this.downloads.resume(this.requireDownload(id));
    else if (!this.uploads.resume(id)) this.unknownTransfer(id);
  }

  /** A download's partial bytes go; an upload goes with its message (as Discard). */
  async cancel(id: string): Promise<void> {
    if (id.startsWith('download:')) return this.downloads.cancel(this.requireDownload(id));
    if (!this.o.store.uploads.get(id)) this.unknownTransfer(id);
    return this.uploads.discard(id);
  }

  /** Whether an outbox entry is a file message (its Retry and Discard go through here). */
  isUpload(clientMsgId: string): boolean {
    return this.o.store.uploads.get(clientMsgId) !== undefined;
  }

  retry(clientMsgId: string): void {
    this.uploads.retry(clientMsgId);
  }

  discard(clientMsgId: string): Promise<void> {
    return this.uploads.discard(clientMsgId);
  }

  /** Answers one of the renderer's file URLs (see fileResponse). */
  respond(request: { method: string; pathname: string; headers: Headers }): Promise<Response> {
    return fileResponse((route) => this.resolve(route), request);
  }

  /** Sets my avatar; answers with my account once the cache (and my user stream) shows the change. */
  async setMyAvatar(source: FileSource | null): Promise<Me> {
    let me: Me;
    if (source === null) me = await this.http.deleteMyAvatar();
    else {
      const { bytes, type } = await readAvatar(source);
      me = await this.http.putMyAvatar(bytes, type);
    }
    this.o.store.users.upsert(me);
    await this.o.sync.userApplied();
    return me;
  }

  /** Sets a group's avatar; answers once the cache applied the change. */
  async setGroupAvatar(conversationId: string, source: FileSource | null): Promise<void> {
    let seq: number | null;
    if (source === null) seq = await this.http.deleteGroupAvatar(conversationId);
    else {
      const { bytes, type } = await readAvatar(source);
      seq = await this.http.putGroupAvatar(conversationId, bytes, type);
    }
    await this.o.sync.applied(
      conversationId,
      seq ?? this.o.store.conversations.get(conversationId)?.server_seq ?? 0,
    );
  }

  close(): void {
    this.closed = true;
    if (this.trimTimer) clearTimeout(this.trimTimer);
    this.uploads.close();
    this.downloads.close();
    this.events.close();
  }

  /** Checks the cache against the limit shortly: one trim for a burst of files arriving. */
  private trimSoon(): void {
    if (this.closed) return;
    if (this.trimTimer) clearTimeout(this.trimTimer);
    this.trimTimer = setTimeout(() => {
      this.trimTimer = null;
      this.trimNow();
    }, TRIM_DELAY_MS);
  }

  /** Trims now, after any trim or clear still running (they run one at a time). */
  private trimNow(): void {
    const limit = this.cacheLimit;
    if (this.closed || limit === null) return;
    this.trimming = this.trimming
      .then(() => this.janitor.trim(limit))
      .catch((err: unknown) => {
        console.error('[files] trimming the cache failed', err);
      });
  }

  private get online(): boolean {
    return this.o.sync.connection === 'online';
  }

  private requireDownload(id: string): string {
    if (!this.downloads.has(id)) this.unknownTransfer(id);
    return id;
  }

  private unknownTransfer(id: string): never {
    throw new CoreError('NOT_FOUND', `no transfer ${id}`);
  }

  private async resolve(route: FileRoute): Promise<LocalBytes | null> {
    const { store } = this.o;
    switch (route.kind) {
      case 'outgoing': {
        const u = store.uploads.get(route.clientMsgId);
        const entry = store.outbox.get(route.clientMsgId);
        if (!u || !entry || entry.content.kind === 'text') return null;
        return { path: u.path, type: entry.content.mime };
      }
      case 'file': {
        const known = store.files.get(route.fileId);
        if (!known) return null;
        const { info } = known;
        if (route.variant === 'original') {
          const blob = this.cache.blob(info.sha256);
          if (await exists(blob)) {
            void this.janitor.touch(blob);
            return { path: blob, type: info.mime };
          }
          if (!this.online) return null;
          return { path: await this.downloads.fetch(known), type: info.mime };
        }
        if (!info.hasThumbnail) return null;
        const path = this.cache.derived(info.sha256, route.variant);
        return (await this.rendered(path, `/api/files/${info.id}/${route.variant}`))
          ? { path, type: 'image/webp' }
          : null;
      }
      case 'avatar': {
        if (!store.users.hasAvatar(route.fileId) && !store.conversations.hasAvatar(route.fileId)) return null;
        const path = this.cache.avatar(route.fileId, route.size);
        return (await this.rendered(path, `/api/avatars/${route.fileId}/${route.size}`))
          ? { path, type: 'image/webp' }
          : null;
      }
    }
  }

  /** Something the server renders (thumbnail, preview, avatar): from the cache, else fetched once. */
  private async rendered(path: string, apiPath: string): Promise<boolean> {
    if (await exists(path)) {
      void this.janitor.touch(path);
      return true;
    }
    if (!this.online) return false;
    let running = this.fetching.get(path);
    if (!running) {
      running = this.fetchRendered(path, apiPath).finally(() => this.fetching.delete(path));
      this.fetching.set(path, running);
    }
    return running;
  }

  private async fetchRendered(path: string, apiPath: string): Promise<boolean> {
    for (let tries = 1; ; tries++) {
      const res = await this.http.fetch(apiPath, { signal: AbortSignal.timeout(30_000) });
      if (res.ok) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        await this.cache.put(path, bytes);
        this.janitor.grew(bytes.length);
        this.trimSoon();
        return true;
      }
      if (res.status === 404) {
        await res.body?.cancel();
        return false;
      }
      if (res.status !== 503 || tries >= DERIVED_TRIES) throw await apiErrorOf(res);
      // Still being rendered: the server says when to ask again.
      const after = Number(res.headers.get('retry-after') ?? 1);
      await res.body?.cancel();
      await sleep(Math.min(2_000, Math.max(100, (Number.isFinite(after) ? after : 1) * 1000)));
    }
  }
}

/**
 * A name no longer than the server keeps (Limits.fileNameMax code points, the extension kept), so
 * the upload's metadata header stays small; the server neutralises what is left.
 */
export function shortName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= Limits.fileNameMax) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
  return chars.slice(0, Limits.fileNameMax - keep.length).join('') + keep.join('');
}

/** Writes bytes and flushes them to disk before the outbox entry that points at them is written. */
async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const AVATAR_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** An avatar's bytes and type (from the bytes), refused here when too large or not a picture. */
async function readAvatar(source: FileSource): Promise<{ bytes: Buffer; type: string }> {
  let bytes: Buffer;
  if (source.kind === 'bytes') {
    bytes = Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength);
  } else {
    const name = basename(source.path);
    const size = await stat(source.path).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1,
    );
    if (size < 0) throw new IoError(`cannot read ${name}`);
    if (size > Limits.avatarBytesMax)
      throw new CoreError('FILE_TOO_LARGE', `an avatar is at most ${Limits.avatarBytesMax} bytes`);
    bytes = await readFile(source.path);
  }
  if (bytes.length > Limits.avatarBytesMax)
    throw new CoreError('FILE_TOO_LARGE', `an avatar is at most ${Limits.avatarBytesMax} bytes`);
  const type = sniffType(bytes.subarray(0, SNIFF_BYTES))?.mime ?? '';
  if (!AVATAR_TYPES.has(type))
    throw new CoreError('UNSUPPORTED_IMAGE', 'an avatar must be a PNG, JPEG, WebP or GIF picture');
  return { bytes, type };
}

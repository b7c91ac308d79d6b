import type { Transfer } from '@parley/shared';
import { rm } from 'node:fs/promises';
import type { KnownFile } from '../store/files.js';
import { downloadBlob } from './download-blob.js';
import type { FileCache } from './file-cache.js';
import type { FilesHttp } from './files-http.js';
import type { TransferEvents } from './transfer-events.js';

export const downloadId = (fileId: string) => `download:${fileId}`;

/** A download stopped on purpose (paused, cancelled, the app closing) before it finished. */
export class DownloadStopped extends Error {
  readonly code = 'NETWORK';
  constructor(how: string) {
    super(`the download was ${how}`);
    this.name = 'DownloadStopped';
  }
}

interface Download {
  file: KnownFile;
  transfer: Transfer;
  controller: AbortController | null;
  running: Promise<string> | null;
}

/**
 * Downloads of originals into the cache, one at a time per file (asking twice joins the one
 * running). A failed or paused download stays listed with its partial bytes until it is resumed
 * (from where it stopped) or cancelled (the partial goes); a finished one leaves the list.
 */
export class Downloads {
  private readonly downloads = new Map<string, Download>();

  constructor(
    private readonly o: {
      http: FilesHttp;
      cache: FileCache;
      events: TransferEvents;
      retryDelayMs: number;
      retryDelayMaxMs: number;
      /** A download finished: its blob (of `bytes`) is in the cache. */
      stored?: (bytes: number) => void;
    },
  ) {}

  /** The file's original in the cache, downloaded first if need be. */
  fetch(file: KnownFile): Promise<string> {
    const id = downloadId(file.info.id);
    const existing = this.downloads.get(id);
    if (existing?.running) return existing.running;
    // The same bytes under another file id (uploaded twice) share one partial: wait for that one.
    const sameBytes = [...this.downloads.values()].find(
      (other) => other.running && other.file.info.sha256 === file.info.sha256,
    );
    if (sameBytes?.running) return sameBytes.running;
    const d: Download = existing ?? {
      file,
      controller: null,
      running: null,
      transfer: {
        id,
        direction: 'download',
        conversationId: file.conversationId,
        fileId: file.info.id,
        name: file.info.name,
        size: file.info.size,
        bytesDone: 0,
        state: 'queued',
        error: null,
      },
    };
    this.downloads.set(id, d);
    const controller = new AbortController();
    d.controller = controller;
    this.update(d, { state: 'active', error: null });
    d.running = downloadBlob({
      http: this.o.http,
      cache: this.o.cache,
      file: file.info,
      signal: controller.signal,
      retryDelayMs: this.o.retryDelayMs,
      retryDelayMaxMs: this.o.retryDelayMaxMs,
      onProgress: (bytes) => {
        d.transfer = { ...d.transfer, bytesDone: bytes };
        this.o.events.progressed(id);
      },
    }).then(
      (path) => {
        this.downloads.delete(id);
        this.o.events.changed(id, { ...d.transfer, bytesDone: file.info.size, state: 'done' });
        this.o.stored?.(file.info.size);
        return path;
      },
      (err: unknown) => {
        // A download paused (or cancelled) and started again meanwhile is not this one any more.
        if (d.controller !== controller) throw err;
        d.running = null;
        d.controller = null;
        if (controller.signal.aborted) throw err;
        const code = (err as { code?: unknown }).code;
        this.update(d, {
          state: 'failed',
          error: {
            code: typeof code === 'string' ? (code as NonNullable<Transfer['error']>['code']) : 'NETWORK',
            message: (err as Error).message,
          },
        });
        throw err;
      },
    );
    return d.running;
  }

  transfer(id: string): Transfer | null {
    return this.downloads.get(id)?.transfer ?? null;
  }

  transfers(): Transfer[] {
    return [...this.downloads.values()].map((d) => d.transfer);
  }

  /** The partial files of the downloads listed (running, paused or failed): they are resumed from. */
  partials(): string[] {
    return [...this.downloads.values()].map((d) => this.o.cache.part(d.file.info.sha256));
  }

  has(id: string): boolean {
    return this.downloads.has(id);
  }

  pause(id: string): void {
    const d = this.downloads.get(id);
    if (!d?.running) return;
    d.controller?.abort(new DownloadStopped('paused'));
    d.running = null;
    this.update(d, { state: 'paused' });
  }

  resume(id: string): void {
    const d = this.downloads.get(id);
    if (d && !d.running) this.fetch(d.file).catch(() => undefined);
  }

  async cancel(id: string): Promise<void> {
    const d = this.downloads.get(id);
    if (!d) return;
    d.controller?.abort(new DownloadStopped('cancelled'));
    this.downloads.delete(id);
    await rm(this.o.cache.part(d.file.info.sha256), { force: true });
    this.o.events.changed(id, { ...d.transfer, state: 'cancelled' });
  }

  close(): void {
    for (const d of this.downloads.values()) d.controller?.abort(new DownloadStopped('stopped'));
  }

  private update(d: Download, patch: Partial<Transfer>): void {
    d.transfer = { ...d.transfer, ...patch };
    this.o.events.changed(d.transfer.id);
  }
}

import type { FileInfo } from '@parley/shared';
import { open } from 'node:fs/promises';
import { commit, type Effects } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { BlobStore, DerivedVariant } from './blob-store.js';
import type { BlobRow, FileRow, FilesStore } from './files-store.js';
import { ImageJobs } from './image-jobs.js';
import { renderThumbnailAndPreview } from './image-pipeline.js';
import { SNIFF_BYTES } from './sniff.js';

export const fileNotFound = () => new AppError('FILE_NOT_FOUND', 'no such file');

/**
 * Files and the blobs they point at: who may read a file, what FileInfo says about it, thumbnails
 * made in the background, and deleting a file, then its blob once nothing points at it.
 */
export class StoredFiles {
  readonly jobs: ImageJobs;

  constructor(
    private readonly ctx: Context,
    readonly store: FilesStore,
    readonly blobs: BlobStore,
    private readonly conversations: ConversationsService,
  ) {
    this.jobs = new ImageJobs(ctx.config.imageJobConcurrency, (sha) => this.renderImage(sha), ctx.log);
  }

  get maxPixels(): number {
    return this.ctx.config.imageMaxPixels;
  }

  /** A message file the caller may read: they uploaded it, or a live message carries it in a conversation they are in. */
  readable(caller: Caller, id: string | undefined): FileRow {
    const file = id === undefined ? undefined : this.store.file(id);
    if (file?.purpose !== 'message') throw fileNotFound();
    if (file.uploader_id === caller.userId) return file;
    for (const conversationId of this.store.carriedIn(file.id)) {
      if (this.conversations.store.member(conversationId, caller.userId)) return file;
    }
    throw fileNotFound();
  }

  blobOf(file: FileRow): BlobRow {
    const blob = this.store.blob(file.sha256);
    if (!blob) throw new Error(`file ${file.id} has no blob`);
    return blob;
  }

  info(file: FileRow): FileInfo {
    const blob = this.blobOf(file);
    const dimensions = blob.image_state !== null && blob.image_state !== 'unsupported';
    return {
      id: file.id as FileInfo['id'],
      name: file.name,
      size: file.size,
      mime: file.mime,
      sha256: file.sha256,
      width: dimensions ? blob.width : null,
      height: dimensions ? blob.height : null,
      hasThumbnail: blob.image_state === 'ready',
      executable: file.executable === 1,
      createdAt: file.created_at,
    };
  }

  /** Waits (a while: thumbnailWaitMs) for the file's thumbnail job, if one is queued or running. */
  async settle(file: FileRow): Promise<void> {
    await this.jobs.settled(file.sha256, this.ctx.config.thumbnailWaitMs);
  }

  /** A thumbnail or preview: waits for the job a few seconds, then says when to come back. */
  async derived(file: FileRow, variant: Extract<DerivedVariant, 'thumbnail' | 'preview'>): Promise<string> {
    if (this.blobOf(file).image_state === 'pending') await this.settle(file);
    const state = this.blobOf(file).image_state;
    if (state === 'pending') {
      throw new AppError('FILE_NOT_READY', 'the thumbnail is still being made', { retryAfterMs: 2_000 });
    }
    if (state !== 'ready') throw new AppError('FILE_NOT_FOUND', 'this file has no thumbnail');
    return this.blobs.derivedPath(file.sha256, variant);
  }

  /**
   * Stores `file` (a complete file on disk) as the blob of `row.sha256` and records `row`, then runs
   * `also` in the same commit; `renditions` made by the caller are written next to the blob. The
   * blob's first file decides its image state; a queued image gets its thumbnail job. If the commit
   * fails, a blob nobody points at is removed again.
   */
  async add<T>(
    file: string,
    row: FileRow,
    image: Pick<BlobRow, 'image_state' | 'width' | 'height'> | null,
    also: (fx: Effects) => T,
    renditions: Partial<Record<DerivedVariant, Buffer>> = {},
  ): Promise<T> {
    const { result, queued } = await this.blobs.withBlob(row.sha256, async () => {
      await this.blobs.adopt(file, row.sha256);
      try {
        for (const [variant, bytes] of Object.entries(renditions) as [DerivedVariant, Buffer][]) {
          await this.blobs.writeDerived(row.sha256, variant, bytes);
        }
        return await commit(this.ctx, (fx) => {
          let queued = false;
          if (!this.store.blob(row.sha256)) {
            this.store.insertBlob({
              sha256: row.sha256,
              size: row.size,
              image_state: image?.image_state ?? null,
              width: image?.width ?? null,
              height: image?.height ?? null,
              created_at: this.ctx.now(),
            });
            queued = image?.image_state === 'pending';
          }
          this.store.insertFile(row);
          return { result: also(fx), queued };
        });
      } catch (err) {
        if (!this.store.blob(row.sha256)) await this.blobs.remove(row.sha256);
        throw err;
      }
    });
    if (queued) this.jobs.enqueue(row.sha256);
    return result;
  }

  /** Deletes a file row (call inside a write); its blob goes after the commit if nothing else points at it. */
  delete(fx: Effects, fileId: string): void {
    const file = this.store.file(fileId);
    if (!file) return;
    this.store.deleteFile(fileId);
    if (this.store.dropBlobIfUnreferenced(file.sha256)) {
      fx.after(() => {
        void this.removeBlob(file.sha256);
      });
    }
  }

  /** Removes a blob's files unless a file row points at it again by the time the lock is ours. */
  removeBlob(sha256: string): Promise<void> {
    return this.blobs
      .withBlob(sha256, async () => {
        if (!this.store.blob(sha256)) await this.blobs.remove(sha256);
      })
      .catch((err: unknown) => {
        this.ctx.log.error('could not remove a blob', { sha256, err: String(err) });
      });
  }

  /** Deletes files no message took up within the upload expiry. */
  async collectUnsent(cutoff: number): Promise<number> {
    const unsent = this.store.unsentFilesBefore(cutoff);
    if (unsent.length === 0) return 0;
    await commit(this.ctx, (fx) => {
      for (const file of unsent) if (!this.store.isCarried(file.id)) this.delete(fx, file.id);
    });
    return unsent.length;
  }

  /** After a restart: queue the image jobs that never ran, and delete blob files no row points at. */
  async reconcile(): Promise<void> {
    for (const sha of this.store.pendingImages()) this.jobs.enqueue(sha);
    const known = this.store.allBlobShas();
    for (const sha of await this.blobs.blobShas()) {
      if (!known.has(sha)) await this.removeBlob(sha);
    }
  }

  private async renderImage(sha256: string): Promise<void> {
    if (this.store.blob(sha256)?.image_state !== 'pending') return;
    let state: 'ready' | 'unsupported' = 'ready';
    let renditions: { thumbnail: Buffer; preview: Buffer } | undefined;
    try {
      renditions = await renderThumbnailAndPreview(
        this.blobs.blobPath(sha256),
        this.ctx.config.imageMaxPixels,
      );
    } catch (err) {
      this.ctx.log.info('image could not be decoded', { sha256, err: String(err) });
      state = 'unsupported';
    }
    await this.blobs.withBlob(sha256, async () => {
      if (!this.store.blob(sha256)) return;
      if (renditions) {
        await this.blobs.writeDerived(sha256, 'thumbnail', renditions.thumbnail);
        await this.blobs.writeDerived(sha256, 'preview', renditions.preview);
      }
      await commit(this.ctx, () => {
        this.store.setImageState(sha256, state);
      });
    });
  }
}

/** The first bytes of a file, for sniffing its type. */
export async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

import { parseWith, UploadMetadata } from '@parley/shared';
import type { Upload } from '@tus/utils';
import { stat } from 'node:fs/promises';
import { commit } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import { hasExecutableExtension, neutraliseFileName } from './file-names.js';
import type { FileRow, UploadRow } from './files-store.js';
import type { HashingFileStore } from './hashing-file-store.js';
import { probeImage } from './image-pipeline.js';
import { sniffFile } from './sniff.js';
import { fileNotFound, readHead, type StoredFiles } from './stored-files.js';

/** What a request may do with an upload id it names. */
export type UploadAccess = { kind: 'open'; upload: UploadRow } | { kind: 'finished'; file: FileRow };

/**
 * The life of a tus upload: created after the checks (member, size, quota), continued only by its
 * uploader, finished by verifying size and sha256 and moving the bytes into the blob store, expired
 * when left unfinished.
 */
export class Uploads {
  /** Finishes in progress, so a HEAD and the last PATCH of one upload never finish it twice. */
  private readonly finishing = new Map<string, Promise<FileRow>>();

  constructor(
    private readonly ctx: Context,
    private readonly files: StoredFiles,
    private readonly tusStore: HashingFileStore,
    private readonly conversations: ConversationsService,
  ) {}

  /** tus onUploadCreate: every check runs before the client sends a byte. */
  async create(caller: Caller, upload: Upload): Promise<void> {
    if (upload.sizeIsDeferred || upload.size === undefined) {
      throw new AppError('VALIDATION_FAILED', 'Upload-Length is required (deferred length is not supported)');
    }
    const parsed = parseWith(UploadMetadata, upload.metadata ?? {});
    if (!parsed.ok) {
      throw new AppError('VALIDATION_FAILED', `Upload-Metadata ${parsed.error.message}`, {
        issues: parsed.error.issues ?? [],
      });
    }
    const meta = parsed.value;
    const size = upload.size;
    const { maxFileSize, userQuotaBytes } = this.ctx.settings.fileLimits();
    if (size > maxFileSize) {
      throw new AppError('FILE_TOO_LARGE', `files may be at most ${maxFileSize} bytes`);
    }
    await commit(this.ctx, () => {
      this.conversations.requireWritable(meta.conversationId, caller.userId);
      if (this.files.store.bytesHeldBy(caller.userId) + size > userQuotaBytes) {
        throw new AppError('QUOTA_EXCEEDED', `your files may take at most ${userQuotaBytes} bytes`);
      }
      this.files.store.insertUpload({
        id: upload.id,
        uploader_id: caller.userId,
        conversation_id: meta.conversationId,
        name: neutraliseFileName(meta.name),
        declared_type: meta.type,
        sha256: meta.sha256,
        size,
        state: 'open',
        created_at: this.ctx.now(),
      });
    });
  }

  /** HEAD/PATCH/DELETE: only the uploader may touch an upload; others see nothing (404). */
  async access(caller: Caller, id: string | undefined, method: string): Promise<UploadAccess> {
    const upload = id === undefined ? undefined : this.files.store.upload(id);
    if (upload) {
      if (upload.uploader_id !== caller.userId) throw fileNotFound();
      if (upload.state === 'expired' || this.expired(upload)) {
        throw new AppError('UPLOAD_EXPIRED', 'this upload expired; start a new one');
      }
      // Every byte arrived but the finish did not happen (the server stopped in between): finish now,
      // so the client that asks where it stands can go on and send its message.
      if (method === 'HEAD' && (await this.received(upload)) === upload.size) {
        return { kind: 'finished', file: await this.finish(upload.id) };
      }
      return { kind: 'open', upload };
    }
    const file = id === undefined ? undefined : this.files.store.file(id);
    if (file?.purpose === 'message' && file.uploader_id === caller.userId) return { kind: 'finished', file };
    throw fileNotFound();
  }

  /** tus onUploadFinish (and recovery): verify, settle the type, move into the blob store, record. */
  finish(id: string): Promise<FileRow> {
    let running = this.finishing.get(id);
    if (!running) {
      running = this.doFinish(id).finally(() => this.finishing.delete(id));
      this.finishing.set(id, running);
    }
    return running;
  }

  /** After tus terminated an upload (DELETE). */
  async terminated(id: string): Promise<void> {
    await this.tusStore.forget(id).catch(() => undefined);
    await commit(this.ctx, () => {
      this.files.store.deleteUpload(id);
    });
  }

  /** A finished upload's uploader dropped it (DELETE after the finish): gone unless a message carries it. */
  async discardFinished(file: FileRow): Promise<void> {
    await commit(this.ctx, (fx) => {
      if (!this.files.store.isCarried(file.id)) this.files.delete(fx, file.id);
    });
  }

  /** Deletes the bytes of uploads left unfinished too long; their rows answer 410 for a while, then 404. */
  async expire(): Promise<void> {
    const now = this.ctx.now();
    const expiry = this.ctx.config.uploadExpiryMs;
    for (const upload of this.files.store.openUploadsBefore(now - expiry)) {
      await this.tusStore.remove(upload.id).catch(() => undefined);
      await this.tusStore.forget(upload.id).catch(() => undefined);
      await commit(this.ctx, () => {
        this.files.store.markExpired(upload.id);
      });
    }
    await commit(this.ctx, () => {
      this.files.store.forgetExpiredBefore(now - 2 * expiry);
    });
  }

  /** After a restart: finish uploads whose bytes all arrived before the server stopped. */
  async resume(): Promise<void> {
    for (const upload of this.files.store.openUploads()) {
      if (!this.expired(upload) && (await this.received(upload)) === upload.size) {
        await this.finish(upload.id).catch((err: unknown) => {
          this.ctx.log.warn('could not finish an upload after a restart', {
            id: upload.id,
            err: String(err),
          });
        });
      }
    }
  }

  private expired(upload: UploadRow): boolean {
    return upload.created_at + this.ctx.config.uploadExpiryMs <= this.ctx.now();
  }

  private async received(upload: UploadRow): Promise<number> {
    try {
      return (await stat(this.files.blobs.partialPath(upload.id))).size;
    } catch {
      return -1;
    }
  }

  private async doFinish(id: string): Promise<FileRow> {
    const upload = this.files.store.upload(id);
    if (upload?.state !== 'open') {
      const file = this.files.store.file(id);
      if (file) return file;
      throw fileNotFound();
    }
    const partial = this.files.blobs.partialPath(id);
    if ((await this.received(upload)) !== upload.size) {
      throw new AppError('UPLOAD_INCOMPLETE', 'the upload has not received all its bytes');
    }
    const sha256 = await this.tusStore.sha256Of(id, partial, upload.size);
    if (sha256 !== upload.sha256) {
      await this.tusStore.remove(id).catch(() => undefined);
      await this.terminated(id);
      throw new AppError('CHECKSUM_MISMATCH', 'the bytes received do not match the declared sha256');
    }
    const sniffed = sniffFile(await readHead(partial), upload.declared_type);
    const existing = this.files.store.blob(sha256);
    const probe = existing ? null : await probeImage(partial, sniffed.mime, this.ctx.config.imageMaxPixels);
    const image = probe && { image_state: probe.state, width: probe.width, height: probe.height };
    const row: FileRow = {
      id,
      uploader_id: upload.uploader_id,
      conversation_id: upload.conversation_id,
      purpose: 'message',
      name: upload.name,
      size: upload.size,
      mime: sniffed.mime,
      sha256,
      executable: sniffed.executable || hasExecutableExtension(upload.name) ? 1 : 0,
      created_at: this.ctx.now(),
    };
    await this.files.add(partial, row, image, () => {
      this.files.store.deleteUpload(id);
    });
    await this.tusStore.forget(id);
    return row;
  }
}

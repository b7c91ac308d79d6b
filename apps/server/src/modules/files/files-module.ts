import { MemoryLocker } from '@tus/server';
import type express from 'express';
import type { IncomingMessage } from 'node:http';
import type { Caller, Context } from '../../context.js';
import type { RateLimits } from '../../rate-limits.js';
import type { HttpKit } from '../../transport/http.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import { Avatars } from './avatars.js';
import { BlobStore } from './blob-store.js';
import { FileMessages } from './file-messages.js';
import { mountFileRoutes } from './files-routes.js';
import { FilesStore } from './files-store.js';
import { HashingFileStore } from './hashing-file-store.js';
import { StoredFiles } from './stored-files.js';
import { patchUpload } from './tus-patch.js';
import { createTusServer } from './tus-server.js';
import { Uploads } from './uploads.js';

/** The files module, assembled: what the messages module and the HTTP layer use, and its housekeeping. */
export class FilesModule {
  readonly messages: FileMessages;
  readonly files: StoredFiles;
  readonly uploads: Uploads;
  private readonly avatars: Avatars;
  private readonly tusStore: HashingFileStore;
  private readonly limits: RateLimits;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: Context,
    deps: {
      accounts: AccountsService;
      conversations: ConversationsService;
      contactsOf: (userId: string) => string[];
      limits: RateLimits;
      /** Upload bytes as they are received (metrics). */
      onUploadBytes?: (bytes: number) => void;
    },
  ) {
    this.limits = deps.limits;
    const blobs = new BlobStore(ctx.config.dataDir);
    this.files = new StoredFiles(ctx, new FilesStore(ctx.sql), blobs, deps.conversations);
    this.tusStore = new HashingFileStore(blobs.uploadsDir, deps.onUploadBytes);
    this.uploads = new Uploads(ctx, this.files, this.tusStore, deps.conversations);
    this.messages = new FileMessages(this.files);
    this.avatars = new Avatars(ctx, this.files, deps.accounts, deps.conversations, deps.contactsOf);
  }

  mount = (app: express.Express, kit: HttpKit): void => {
    const callers = new WeakMap<IncomingMessage, Caller>();
    const locker = new MemoryLocker();
    const tus = createTusServer({
      store: this.tusStore,
      locker,
      uploads: this.uploads,
      callers,
      corsOrigins: this.ctx.config.corsOrigins,
      log: this.ctx.log,
    });
    mountFileRoutes(app, kit, {
      tus,
      patch: (req, res, upload) =>
        patchUpload(req, res, upload, {
          store: this.tusStore,
          uploads: this.uploads,
          locker,
          partialPath: this.files.blobs.partialPath(upload.id),
        }),
      callers,
      uploads: this.uploads,
      files: this.files,
      avatars: this.avatars,
      limits: this.limits,
    });
  };

  /** After a restart: finish what was finished but not recorded, requeue thumbnails, drop orphans; then sweep periodically. */
  start(): void {
    this.sweeping = this.runSweep(async () => {
      await this.files.reconcile();
      await this.uploads.resume();
      await this.sweep();
    });
    this.sweepTimer = setInterval(() => {
      this.sweeping = this.runSweep(() => this.sweep());
    }, this.ctx.config.uploadSweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** One pass of housekeeping: expire unfinished uploads, delete files nobody sent. */
  async sweep(): Promise<void> {
    await this.uploads.expire();
    await this.files.collectUnsent(this.ctx.now() - this.ctx.config.uploadExpiryMs);
  }

  /** Stops the sweeps and the image jobs; resolves when what was running has finished. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.sweeping;
    await this.files.jobs.close();
  }

  private runSweep(work: () => Promise<void>): Promise<void> {
    return this.sweeping.then(work).catch((err: unknown) => {
      this.ctx.log.error('file housekeeping failed', { err: String(err) });
    });
  }
}

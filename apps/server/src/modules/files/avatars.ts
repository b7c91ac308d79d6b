import type { AvatarSize, Me } from '@parley/shared';
import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { commit, type Effects } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import { pixelsOf, renderAvatar } from './image-pipeline.js';
import { sniffFile } from './sniff.js';
import { fileNotFound, type StoredFiles } from './stored-files.js';

const AVATAR_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

interface Rendered {
  large: Buffer;
  small: Buffer;
  sha256: string;
}

/**
 * Avatars for people and groups, through the same pipeline as chat images: the upload is decoded
 * within the pixel limit, square-cropped, and kept as a 256 px WebP (the file's blob) plus a 64 px
 * rendition. The original is not kept.
 */
export class Avatars {
  constructor(
    private readonly ctx: Context,
    private readonly files: StoredFiles,
    private readonly accounts: AccountsService,
    private readonly conversations: ConversationsService,
    private readonly contactsOf: (userId: string) => string[],
  ) {}

  async setMine(caller: Caller, bytes: Buffer | null): Promise<Me> {
    const change = (fx: Effects, fileId: string | null) => {
      const { me, previous } = this.accounts.setAvatar(fx, caller.userId, fileId);
      if (previous) this.files.delete(fx, previous);
      const { isAdmin: _, ...visible } = me;
      const contacts = this.contactsOf(caller.userId);
      fx.after((hub) => {
        hub.userUpdated(contacts, visible);
      });
      return me;
    };
    if (bytes === null) return commit(this.ctx, (fx) => change(fx, null));
    return this.store(caller.userId, null, await this.render(bytes), change);
  }

  async setGroup(
    caller: Caller,
    conversationId: string,
    bytes: Buffer | null,
  ): Promise<{ seq: number; avatarFileId: string | null }> {
    this.checkGroup(caller, conversationId);
    const change = (fx: Effects, fileId: string | null) => {
      const group = this.conversations.requireGroupManager(conversationId, caller.userId);
      const { seq, previous } = this.conversations.changeAvatar(fx, caller.userId, group, fileId);
      if (previous) this.files.delete(fx, previous);
      return { seq, avatarFileId: fileId };
    };
    if (bytes === null) return commit(this.ctx, (fx) => change(fx, null));
    return this.store(caller.userId, conversationId, await this.render(bytes), change);
  }

  /** Whether the caller may change the group's avatar; checked before the work and again inside the write. */
  checkGroup(caller: Caller, conversationId: string): void {
    this.conversations.requireGroupManager(conversationId, caller.userId);
  }

  /** The path of an avatar rendition; any signed-in user may see any avatar. */
  path(fileId: string, size: AvatarSize): { path: string; etag: string } {
    const file = this.files.store.file(fileId);
    if (file?.purpose !== 'avatar') throw fileNotFound();
    return {
      path:
        size === '256'
          ? this.files.blobs.blobPath(file.sha256)
          : this.files.blobs.derivedPath(file.sha256, 'avatar-64'),
      etag: `"${file.sha256}-${size}"`,
    };
  }

  private async render(bytes: Buffer): Promise<Rendered> {
    const { mime } = sniffFile(bytes.subarray(0, 4096), '');
    if (!AVATAR_TYPES.has(mime)) {
      throw new AppError('UNSUPPORTED_IMAGE', 'an avatar must be a PNG, JPEG, WebP or GIF image');
    }
    const max = this.ctx.config.imageMaxPixels;
    const pixels = await pixelsOf(bytes).catch(() => {
      throw new AppError('UNSUPPORTED_IMAGE', 'that image could not be read');
    });
    if (pixels > max) throw new AppError('IMAGE_TOO_LARGE', `an avatar may have at most ${max} pixels`);
    try {
      const { large, small } = await renderAvatar(bytes, max);
      return { large, small, sha256: createHash('sha256').update(large).digest('hex') };
    } catch {
      throw new AppError('UNSUPPORTED_IMAGE', 'that image could not be read');
    }
  }

  private async store<T>(
    uploaderId: string,
    conversationId: string | null,
    rendered: Rendered,
    change: (fx: Effects, fileId: string) => T,
  ): Promise<T> {
    const id = randomUUID();
    const temp = this.files.blobs.tempPath(`avatar-${id}`);
    await writeFile(temp, rendered.large);
    return this.files.add(
      temp,
      {
        id,
        uploader_id: uploaderId,
        conversation_id: conversationId,
        purpose: 'avatar',
        name: 'avatar.webp',
        size: rendered.large.length,
        mime: 'image/webp',
        sha256: rendered.sha256,
        executable: 0,
        created_at: this.ctx.now(),
      },
      null,
      (fx) => change(fx, id),
      { 'avatar-64': rendered.small },
    );
  }
}

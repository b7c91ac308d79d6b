import type { FileInfo, MessageContent, SendContent } from '@parley/shared';
import type { Effects } from '../../commit.js';
import { AppError } from '../../errors.js';
import type { FileRow } from './files-store.js';
import { fileNotFound, type StoredFiles } from './stored-files.js';

type FileSendContent = Exclude<SendContent, { kind: 'text' }>;
export type FileMessageContent = Exclude<MessageContent, { kind: 'text' }>;

/** The files a sent content names (the file, and a video's poster). */
const fileIdsOf = (content: FileSendContent): string[] =>
  content.kind === 'video' && content.posterFileId
    ? [content.fileId, content.posterFileId]
    : [content.fileId];

/** File messages: what may be sent, what the stored content says, and which messages keep which files alive. */
export class FileMessages {
  constructor(private readonly files: StoredFiles) {}

  /** Before the send's write: let a thumbnail job that is still running finish, so FileInfo is complete. */
  async prepare(content: FileSendContent): Promise<void> {
    for (const id of fileIdsOf(content)) {
      const file = this.files.store.file(id);
      if (file) await this.files.settle(file);
    }
  }

  /** The stored content of a file message (call inside the send's write). */
  contentFor(senderId: string, conversationId: string, content: FileSendContent): FileMessageContent {
    const file = this.sendable(senderId, conversationId, content.fileId);
    const info = this.files.info(file);
    switch (content.kind) {
      case 'image':
        this.requireImage(file, 'an image message needs an image');
        return { ...content, file: info };
      case 'file':
        return { ...content, file: info };
      case 'voice':
        if (!file.mime.startsWith('audio/'))
          throw new AppError('FILE_KIND_MISMATCH', `a voice message needs an audio file, not ${file.mime}`);
        return { ...content, file: info };
      case 'video': {
        if (!file.mime.startsWith('video/'))
          throw new AppError('FILE_KIND_MISMATCH', `a video message needs a video file, not ${file.mime}`);
        let poster: FileInfo | undefined;
        if (content.posterFileId) {
          const posterFile = this.sendable(senderId, conversationId, content.posterFileId);
          this.requireImage(posterFile, 'a video poster must be an image');
          poster = this.files.info(posterFile);
        }
        return { ...content, file: info, ...(poster ? { poster } : {}) };
      }
    }
  }

  /** Records that a new message carries its files (call inside the send's write). */
  attach(messageId: string, conversationId: string, content: FileSendContent): void {
    for (const id of fileIdsOf(content)) this.files.store.attach(messageId, id, conversationId);
  }

  /** A recalled message lets go of its files; a file no message carries any more is deleted. */
  release(fx: Effects, messageId: string): void {
    for (const fileId of this.files.store.detach(messageId)) {
      if (!this.files.store.isCarried(fileId)) this.files.delete(fx, fileId);
    }
  }

  /** A finished upload of the sender, into this very conversation. */
  private sendable(senderId: string, conversationId: string, fileId: string): FileRow {
    const file = this.files.store.file(fileId);
    if (!file) {
      const upload = this.files.store.upload(fileId);
      if (
        upload?.state === 'open' &&
        upload.uploader_id === senderId &&
        upload.conversation_id === conversationId
      )
        throw new AppError('UPLOAD_INCOMPLETE', 'the upload of that file has not finished');
      throw fileNotFound();
    }
    if (
      file.purpose !== 'message' ||
      file.uploader_id !== senderId ||
      file.conversation_id !== conversationId
    )
      throw fileNotFound();
    return file;
  }

  /**
   * An image the server could read. One still waiting for its thumbnail (a long queue) is accepted:
   * its FileInfo says hasThumbnail false, and /thumbnail answers once the job is done.
   */
  private requireImage(file: FileRow, what: string): void {
    switch (this.files.blobOf(file).image_state) {
      case 'ready':
      case 'pending':
        return;
      case 'too_large':
        throw new AppError(
          'IMAGE_TOO_LARGE',
          `${what}; this one has more than ${this.files.maxPixels} pixels`,
        );
      case 'unsupported':
        throw new AppError(
          'UNSUPPORTED_IMAGE',
          `${what} the server can read (PNG, JPEG, GIF, WebP, AVIF or TIFF; not SVG)`,
        );
      case null:
        throw new AppError('FILE_KIND_MISMATCH', `${what}; this file is ${file.mime}`);
    }
  }
}

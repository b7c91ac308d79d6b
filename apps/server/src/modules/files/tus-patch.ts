import type { Locker } from '@tus/server';
import type { Request, Response } from 'express';
import { AppError } from '../../errors.js';
import type { UploadRow } from './files-store.js';
import type { HashingFileStore } from './hashing-file-store.js';
import type { Uploads } from './uploads.js';

const OFFSET = /^\d{1,15}$/u;

/**
 * tus 1.0.0 PATCH (core protocol), answered here rather than by @tus/server: the bytes go from the
 * socket to the file in one step (see HashingFileStore.receive). The same locker as tus's other
 * handlers keeps one request at a time per upload; a newer request for the upload makes this one
 * stop where it is, as tus's own handler does. The HTTP layer has checked the caller and that the
 * upload is theirs and open.
 */
export async function patchUpload(
  req: Request,
  res: Response,
  upload: UploadRow,
  deps: { store: HashingFileStore; uploads: Uploads; locker: Locker; partialPath: string },
): Promise<void> {
  res.setHeader('Tus-Resumable', '1.0.0');
  if (req.headers['tus-resumable'] !== '1.0.0') {
    throw new AppError('VALIDATION_FAILED', 'send Tus-Resumable: 1.0.0');
  }
  const claimed = req.headers['upload-offset'];
  if (typeof claimed !== 'string' || !OFFSET.test(claimed)) {
    throw new AppError('VALIDATION_FAILED', 'send Upload-Offset: the offset the bytes start at');
  }
  if (req.headers['content-type']?.split(';')[0]?.trim() !== 'application/offset+octet-stream') {
    throw new AppError('VALIDATION_FAILED', 'send Content-Type: application/offset+octet-stream');
  }
  const length = req.headers['content-length'];
  const stop = new AbortController();
  const lock = deps.locker.newLock(upload.id);
  await lock.lock(stop.signal, () => {
    stop.abort();
  });
  let offset: number;
  try {
    const held = await deps.store.offsetOf(upload.id, deps.partialPath);
    if (Number(claimed) !== held) {
      throw new AppError('UPLOAD_OFFSET_MISMATCH', `the upload is at ${held}, not ${claimed}`);
    }
    const room = upload.size - held;
    if (length !== undefined && Number(length) > room) {
      // Refused before a byte is read; the link closes after the answer rather than take them all in.
      res.setHeader('Connection', 'close');
      throw new AppError('FILE_TOO_LARGE', 'more bytes than the upload declared');
    }
    offset = await deps.store.receive(req, upload.id, held, room, stop.signal).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'FILE_TOO_LARGE') res.setHeader('Connection', 'close');
      throw err;
    });
  } finally {
    await lock.unlock();
  }
  res.setHeader('Upload-Offset', String(offset));
  if (offset === upload.size) await deps.uploads.finish(upload.id);
  res.status(204).end();
}

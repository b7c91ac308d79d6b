import { FileConfigstore, FileStore } from '@tus/file-store';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { AppError } from '../../errors.js';
import { pipeline } from 'node:stream/promises';

/**
 * Bytes of an upload held in memory on their way to disk (twice: the hashing step and the file
 * stream) before the socket is asked to wait: about 2 MiB per upload in flight.
 */
const WRITE_AHEAD = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/**
 * tus's file store, hashing the bytes as they are written, so a finished upload's sha256 is known
 * without reading the file again. The running hash lives in memory: after a restart, or a write that
 * failed half-way, the finish reads the file instead (`sha256Of`).
 */
export class HashingFileStore extends FileStore {
  private readonly running = new Map<string, { hash: Hash; bytes: number }>();

  constructor(
    directory: string,
    private readonly onBytes?: (bytes: number) => void,
  ) {
    super({ directory, configstore: new FileConfigstore(directory) });
  }

  /**
   * FileStore.write, hashing on the way and with room to batch: the file stream takes up to
   * WRITE_AHEAD bytes before it pushes back, so chunks that arrive while one write is in flight go
   * to disk together (tus's own store pushes back after every socket chunk: one system call each).
   */
  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    if (!UUID.test(id)) throw new AppError('FILE_NOT_FOUND', 'no such upload');
    const previous = this.running.get(id);
    const running =
      offset === 0
        ? { hash: createHash('sha256'), bytes: 0 }
        : previous?.bytes === offset
          ? previous
          : undefined;
    if (running) this.running.set(id, running);
    else this.running.delete(id);
    let written = 0;
    const tee = new Transform({
      highWaterMark: WRITE_AHEAD,
      transform(chunk: Buffer, _encoding, done) {
        running?.hash.update(chunk);
        written += chunk.length;
        done(null, chunk);
      },
    });
    const file = createWriteStream(join(this.directory, id), {
      flags: 'r+',
      start: offset,
      highWaterMark: WRITE_AHEAD,
    });
    try {
      await pipeline(readable, tee, file);
    } catch (err) {
      // As thrown: tus tells a client that went away (its own error) from a failing disk by it.
      this.running.delete(id);
      throw err;
    }
    if (running) running.bytes += written;
    this.onBytes?.(written);
    return offset + written;
  }

  /** The sha256 of the upload's `size` bytes, from the running hash when it saw them all. */
  async sha256Of(id: string, path: string, size: number): Promise<string> {
    const state = this.running.get(id);
    this.running.delete(id);
    if (state?.bytes === size) return state.hash.digest('hex');
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** Drops what is known about an upload that ended (finished, terminated or expired). */
  forget(id: string): Promise<void> {
    this.running.delete(id);
    return this.configstore.delete(id);
  }
}

import { FileConfigstore, FileStore } from '@tus/file-store';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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
    const running = this.runningAt(id, offset);
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

  /**
   * A PATCH body straight into the upload's file, hashed on the way: one stream stage where tus's own
   * path (`write`) has five, which on a fast link is most of the server's work per byte. Takes at most
   * `limit` bytes (FILE_TOO_LARGE past that, keeping what came before). Resolves with the new offset:
   * what reached the disk, also when the client went away or `stop` ended it half-way.
   */
  receive(
    body: IncomingMessage,
    id: string,
    offset: number,
    limit: number,
    stop: AbortSignal,
  ): Promise<number> {
    if (!UUID.test(id)) return Promise.reject(new AppError('FILE_NOT_FOUND', 'no such upload'));
    const running = this.runningAt(id, offset);
    const file = createWriteStream(join(this.directory, id), {
      flags: 'r+',
      start: offset,
      highWaterMark: WRITE_AHEAD,
    });
    let received = 0;
    let refusal: AppError | null = null;
    let fileError: Error | null = null;
    let ended = false;

    const end = () => {
      if (ended) return;
      ended = true;
      body.off('data', onData);
      body.off('end', end);
      body.off('close', end);
      body.off('error', end);
      file.off('drain', onDrain);
      stop.removeEventListener('abort', end);
      // What was not read is left to the HTTP layer: dropped as it comes (the answer closes the link).
      if (!body.complete) body.resume();
      file.end();
    };
    const onDrain = () => body.resume();
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > limit) {
        refusal = new AppError('FILE_TOO_LARGE', 'more bytes than the upload declared');
        end();
        return;
      }
      received += chunk.length;
      running?.hash.update(chunk);
      if (!file.write(chunk)) body.pause();
    };
    body.on('data', onData);
    body.once('end', end);
    // The client went away (or the request failed): what arrived is kept, the next PATCH goes on from it.
    body.once('close', end);
    body.once('error', end);
    file.on('drain', onDrain);
    stop.addEventListener('abort', end, { once: true });
    // Stopped, or the client gone while this waited for the upload's lock: nothing more will come.
    if (stop.aborted || body.destroyed) end();

    return new Promise<number>((resolve, reject) => {
      file.once('error', (err) => {
        fileError = err;
        end();
      });
      // Answered once the bytes are in the file ('finish'), not after it is also closed.
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        const written = file.bytesWritten;
        if (fileError || written !== received) this.running.delete(id);
        else if (running) running.bytes += written;
        this.onBytes?.(written);
        if (fileError) reject(fileError);
        else if (refusal) reject(refusal);
        else resolve(offset + written);
      };
      file.once('finish', settle);
      file.once('close', settle);
    });
  }

  /**
   * Where an upload stands: the bytes in its file. Known without asking the disk while the running
   * hash has seen every one of them (only this process writes there, one request at a time).
   */
  async offsetOf(id: string, path: string): Promise<number> {
    const running = this.running.get(id);
    if (running) return running.bytes;
    return (await stat(path)).size;
  }

  /** The running hash that has seen exactly the bytes before `offset`, if there is one. */
  private runningAt(id: string, offset: number): { hash: Hash; bytes: number } | undefined {
    const previous = this.running.get(id);
    const running =
      offset === 0
        ? { hash: createHash('sha256'), bytes: 0 }
        : previous?.bytes === offset
          ? previous
          : undefined;
    if (running) this.running.set(id, running);
    else this.running.delete(id);
    return running;
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

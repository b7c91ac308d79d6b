import { type FileHandle, open, stat } from 'node:fs/promises';
import { BLOCK, encodeHeader, paddingOf, TarFormatError } from './tar-format.js';

const CHUNK = 1 << 20;

/** Writes a ustar archive, one regular file after another, to a new file (never over one). */
export class TarWriter {
  private constructor(private readonly out: FileHandle) {}

  /** Creates `path` (readable by its owner only: a backup holds everything). */
  static async create(path: string): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx', 0o600));
  }

  async addBuffer(name: string, bytes: Buffer, mtimeMs = Date.now()): Promise<void> {
    await this.out.write(encodeHeader({ name, size: bytes.length, mode: 0o600, mtimeMs }));
    await this.out.write(bytes);
    await this.pad(bytes.length);
  }

  /** Copies the file at `source` in as `name`; it must not change while it is copied. */
  async addFile(name: string, source: string): Promise<number> {
    const info = await stat(source);
    await this.out.write(encodeHeader({ name, size: info.size, mode: 0o600, mtimeMs: info.mtimeMs }));
    const input = await open(source, 'r');
    try {
      const buffer = Buffer.alloc(CHUNK);
      let copied = 0;
      while (copied < info.size) {
        const { bytesRead } = await input.read(buffer, 0, Math.min(CHUNK, info.size - copied), copied);
        if (bytesRead === 0) throw new TarFormatError(`${source} shrank while it was copied`);
        await this.out.write(buffer.subarray(0, bytesRead));
        copied += bytesRead;
      }
    } finally {
      await input.close();
    }
    await this.pad(info.size);
    return info.size;
  }

  /** The end-of-archive blocks; then flushed to disk and closed. */
  async finish(): Promise<void> {
    await this.out.write(Buffer.alloc(2 * BLOCK));
    await this.out.sync();
    await this.out.close();
  }

  async abort(): Promise<void> {
    await this.out.close().catch(() => undefined);
  }

  private async pad(size: number): Promise<void> {
    const padding = paddingOf(size);
    if (padding > 0) await this.out.write(Buffer.alloc(padding));
  }
}

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BLOCK, decodeHeader, paddingOf, type TarEntry, TarFormatError } from './tar-format.js';

/**
 * Calls `onEntry` for each regular file of the archive at `path`, in order, with a stream of its
 * bytes that `onEntry` must consume. Directory entries are skipped; any other kind (links, devices,
 * extended headers) is refused, and so is a truncated archive.
 */
export async function readTar(
  path: string,
  onEntry: (entry: TarEntry, data: Readable) => Promise<void>,
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { size: archiveSize } = await handle.stat();
    const header = Buffer.alloc(BLOCK);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(header, 0, BLOCK, position);
      if (bytesRead < BLOCK) throw new TarFormatError('the archive is truncated (no end marker)');
      const entry = decodeHeader(header);
      if (entry === null) return;
      const start = position + BLOCK;
      if (start + entry.size > archiveSize)
        throw new TarFormatError(`the archive is truncated in ${entry.name}`);
      if (entry.type === '5') {
        position = start;
        continue;
      }
      if (entry.type !== '0')
        throw new TarFormatError(`unsupported tar entry type "${entry.type}" for ${entry.name}`);
      const data =
        entry.size === 0
          ? Readable.from([])
          : createReadStream(path, { start, end: start + entry.size - 1, highWaterMark: 1 << 20 });
      await onEntry(entry, data);
      position = start + entry.size + paddingOf(entry.size);
    }
  } finally {
    await handle.close();
  }
}

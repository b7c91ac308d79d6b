import type { ParleyServer } from '@parley/server';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { CHUNK_SIZE } from '../src/core/files/tus-upload.js';
import { CoreChild } from './support/core-child.js';
import { newCore, signUp, startServer, tempDir, uniqueName, until, untilAsync } from './support/harness.js';
import { LossyProxy } from './support/lossy-proxy.js';

/*
 * The test 1: a 200 MiB file uploaded in 8 MiB chunks by a desktop core in its own process,
 * through a proxy that cuts every connection at three random points, and the process killed
 * (SIGKILL) once on the way. The upload goes on from the server's offset each time, by itself.
 */

const MiB = 1024 * 1024;
const SIZE = 200 * MiB;

let server: ParleyServer;
let proxy: LossyProxy;
let b: DesktopCore;
const children: CoreChild[] = [];

/** A file of random bytes, written in pieces (never 200 MiB in memory), and its SHA-256. */
async function randomFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let left = size; left > 0;) {
    const piece = randomBytes(Math.min(left, 4 * MiB));
    hash.update(piece);
    left -= piece.length;
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return hash.digest('hex');
}

beforeAll(async () => {
  server = await startServer();
  proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
  b = newCore();
  await signUp(b, server.url);
});
afterAll(async () => {
  for (const c of children) await c.kill();
  b.close();
  await proxy.close();
  await server.close();
});

describe('a 200 MiB upload', () => {
  it('survives three cuts at random offsets and a killed core, and sends nothing twice but what was in flight', async () => {
    const dir = tempDir('parley-big-');
    const source = join(dir, 'big.bin');
    const sha256 = await randomFile(source, SIZE);

    const aDir = tempDir();
    const first = CoreChild.spawn(aDir);
    children.push(first);
    first.command(`register ${proxy.url} ${uniqueName('a')}`);
    const aId = (await first.waitFor(/^me (\S+)$/)).match[1]!;
    await first.waitFor(/^connection online$/);
    const { conversation } = await b.sync.rpc('groups.create', { name: 'big files', memberIds: [aId] });
    const g = conversation.id;
    await untilAsync(async () => (await first.state(g)).syncedSeq > 0, 10_000, 'group at a');

    // Three cuts at random points of what goes up; further on the link stalls and the core is killed
    // there, so the kill falls at a known point however fast the upload runs.
    const before = proxy.bytesUp;
    const cuts = [randomInt(10, 50), randomInt(60, 100), randomInt(110, 140)].map((m) => before + m * MiB);
    const killAt = randomInt(150, 185) * MiB;
    proxy.cutsAtBytesUp = [...cuts];
    proxy.stallAtBytesUp = before + killAt;
    first.command(`sendfile ${g} ${source}`);
    await first.waitFor(/^queued (\S+)$/);
    await until(() => proxy.isStalled, 120_000, 'the link stalls past the cuts');
    await first.kill();
    proxy.release();
    const cutsDone = proxy.cutsMade.map((c) => c - before);
    expect(cutsDone).toHaveLength(3);
    const offsets = first.lines.flatMap((l) => {
      const m = /^transfer \S+ active (\d+)$/.exec(l);
      return m ? [Number(m[1])] : [];
    });
    // Killed mid-upload: it had reported progress and was not done.
    expect(Math.max(...offsets)).toBeGreaterThan(0);
    expect(Math.max(...offsets)).toBeLessThan(SIZE);

    // The app starts again on the same data folder: the upload goes on without being asked.
    const again = CoreChild.spawn(aDir);
    children.push(again);
    again.command('start');
    await again.waitFor(/^resumed true$/);
    await untilAsync(
      async () => (await again.state(g)).outbox.length === 0,
      120_000,
      'the file message sent',
    );

    const arrived = await untilMessage(g);
    expect(arrived.content).toMatchObject({ kind: 'file', file: { name: 'big.bin', size: SIZE, sha256 } });
    const info = await b.files.http.info(arrived.content.file.id);
    expect(info.sha256).toBe(sha256);

    // Everything that went up: the file once, plus at most what was in flight at each cut and at the
    // kill (one chunk each), plus the requests' headers and the socket's chatter.
    const sent = proxy.bytesUp - before;
    const resent = sent - SIZE;
    console.info(
      `[files-resume] 200 MiB upload: ${(sent / MiB).toFixed(1)} MiB went up, ${(resent / MiB).toFixed(2)} MiB more than the file (cuts at ${cutsDone.map((c) => (c / MiB).toFixed(0)).join(', ')} MiB, kill at ${(killAt / MiB).toFixed(0)} MiB)`,
    );
    expect(sent).toBeGreaterThanOrEqual(SIZE);
    expect(sent).toBeLessThanOrEqual(SIZE + 4 * CHUNK_SIZE);

    // And the bytes the server keeps are the source's: downloaded by the other member, checked on arrival.
    const path = await b.files.download({ conversationId: g, messageId: arrived.id });
    expect(path).not.toBeNull();
  });
});

async function untilMessage(g: string) {
  let found: ReturnType<DesktopCore['store']['messages']['allOf']>[number] | undefined;
  await until(
    () => {
      found = b.store.messages.allOf(g).find((m) => m.content?.kind === 'file');
      return found !== undefined;
    },
    30_000,
    'the message at b',
  );
  const m = found!;
  if (m.content?.kind !== 'file') throw new Error('unreachable');
  return { ...m, content: m.content };
}

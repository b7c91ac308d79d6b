import type { ParleyServer } from '@parley/server';
import type { Message } from '@parley/shared';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { directConversation, newCore, signUp, startServer, tempDir, until } from './support/harness.js';
import { HttpFront } from './support/http-front.js';
import { ipcOf } from './support/ipc.js';

/*
 * A reverse proxy in front of the server refuses an upload with its own page (no Parley error body):
 * the message fails at once with a code the window can explain, rather than waiting forever, and
 * Retry sends it once the proxy lets it through.
 */

let server: ParleyServer;
let front: HttpFront;
let a: DesktopCore;
let b: DesktopCore;
let d: string;
const files = tempDir('parley-front-');
let n = 0;

function fileOf(bytes: Uint8Array): string {
  const path = join(files, `file-${++n}.bin`);
  writeFileSync(path, bytes);
  return path;
}

const received = () =>
  b.store.messages.allOf(d).filter((m): m is Message => m.content !== null && m.content.kind === 'file');

beforeAll(async () => {
  server = await startServer();
  front = await HttpFront.start({ host: '127.0.0.1', port: server.port });
  a = newCore();
  b = newCore();
  await signUp(a, front.url);
  const bId = await signUp(b, server.url);
  d = await directConversation(a, b, bId);
});
afterAll(async () => {
  a.close();
  b.close();
  await front.close();
  await server.close();
});

describe('an upload refused by a proxy in front of the server', () => {
  it('fails with FILE_TOO_LARGE on a 413 page, and goes on Retry once the proxy lets it through', async () => {
    front.refuse = (req) =>
      req.method === 'PATCH'
        ? {
            status: 413,
            contentType: 'text/html',
            body: '<html><body>413 Request Entity Too Large</body></html>',
          }
        : null;
    const bytes = randomBytes(1024 * 1024);
    const [entry] = (
      await ipcOf(a)('files.send', {
        conversationId: d,
        items: [{ source: { kind: 'path', path: fileOf(bytes) } }],
      })
    ).entries;
    const id = entry!.clientMsgId;
    await until(() => a.store.outbox.get(id)?.state === 'failed', 15_000, 'failed');
    expect(a.store.outbox.get(id)?.error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(front.refused.length).toBeGreaterThan(0);
    const { transfers } = await ipcOf(a)('transfers.list', {});
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ id, state: 'failed', error: { code: 'FILE_TOO_LARGE' } });

    front.refuse = () => null;
    await ipcOf(a)('messages.retry', { clientMsgId: id });
    await until(() => received().length === 1, 30_000, 'the file at b');
    expect(received()[0]!.content).toMatchObject({
      file: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    });
  });

  it('fails with BAD_RESPONSE on any other refusal without an error body, such as a 403', async () => {
    front.refuse = (req) =>
      req.method === 'POST' && req.url?.startsWith('/api/files/uploads') === true
        ? { status: 403, contentType: 'text/plain', body: 'Forbidden' }
        : null;
    const [entry] = (
      await ipcOf(a)('files.send', {
        conversationId: d,
        items: [{ source: { kind: 'path', path: fileOf(randomBytes(1000)) } }],
      })
    ).entries;
    const id = entry!.clientMsgId;
    await until(() => a.store.outbox.get(id)?.state === 'failed', 15_000, 'failed');
    expect(a.store.outbox.get(id)?.error).toMatchObject({ code: 'BAD_RESPONSE' });
    expect(a.store.outbox.get(id)?.error?.message).toContain('403');
    // Text keeps going through the same proxy meanwhile.
    await ipcOf(a)('messages.sendText', { conversationId: d, text: 'still here' });
    await until(
      () =>
        b.store.messages.allOf(d).some((m) => m.content?.kind === 'text' && m.content.text === 'still here'),
      15_000,
      'text at b',
    );
  });
});

import type { ParleyServer } from '@parley/server';
import { Limits } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { dispatchIpc } from '../src/core/ipc/dispatch.js';
import { createIpcHandlers } from '../src/core/ipc/handlers.js';
import { FocusTracker } from '../src/core/focus.js';
import { SettingsStore } from '../src/core/settings/settings-store.js';
import { befriend, newCore, signUp, startServer, tempDir, until } from './support/harness.js';
import { recordingShell } from './support/ipc.js';

/*
 * The issue's test 5 on a real core: malformed files.* requests are refused before any handler
 * runs (IPC_INVALID_REQUEST), refusals of the core's own carry stable codes, and the renderer's file
 * URLs answer 404 for what the cache does not know and never leave the cache's rules. The core keeps
 * serving afterwards.
 */

let server: ParleyServer;
let a: DesktopCore;
let b: DesktopCore;
let d: string;
let handlers: ReturnType<typeof createIpcHandlers>;

beforeAll(async () => {
  server = await startServer();
  a = newCore();
  b = newCore();
  await signUp(a, server.url);
  const bId = await signUp(b, server.url);
  await befriend(a, b, bId);
  const { conversation } = await a.sync.rpc('conversations.openDirect', { userId: bId });
  d = conversation.id;
  await until(() => a.store.conversations.get(d) !== undefined, 10_000, 'conversation at a');
  handlers = createIpcHandlers({
    core: a,
    settings: new SettingsStore(join(tempDir(), 'settings.json')),
    focus: new FocusTracker(() => undefined),
    shell: recordingShell(),
  });
});
afterAll(async () => {
  a.close();
  b.close();
  await server.close();
});

const send = (request: unknown) => dispatchIpc('files.send', handlers, request);

describe('files over IPC, refused', () => {
  it('malformed requests never reach the core', async () => {
    const bytes = (data: Uint8Array) => ({ kind: 'bytes', name: 'x.bin', type: '', data });
    const cases: [unknown, string][] = [
      [
        { conversationId: d, items: [{ source: bytes(new Uint8Array(Limits.bytesFromRendererMax + 1)) }] },
        'items.0.source.data',
      ],
      [
        { conversationId: d, items: [{ source: { kind: 'bytes', name: 'x', type: '', data: [1, 2, 3] } }] },
        'items.0.source.data',
      ],
      [
        { conversationId: d, items: [{ source: { kind: 'path', path: `/${'x'.repeat(5000)}` } }] },
        'items.0.source.path',
      ],
      [
        { conversationId: d, items: [{ source: { kind: 'path', path: 'relative/report.pdf' } }] },
        'items.0.source.path',
      ],
      [
        { conversationId: d, items: [{ source: { kind: 'path', path: '/tmp/a\u0000b' } }] },
        'items.0.source.path',
      ],
      [
        { conversationId: d, items: [{ source: { kind: 'url', url: 'https://example.org/x' } }] },
        'items.0.source.kind',
      ],
      [{ conversationId: d, items: [] }, 'items'],
      [
        {
          conversationId: d,
          items: Array.from({ length: 21 }, () => ({ source: bytes(new Uint8Array(1)) })),
        },
        'items',
      ],
      [{ conversationId: 'general', items: [{ source: bytes(new Uint8Array(1)) }] }, 'conversationId'],
      [
        {
          conversationId: d,
          items: [{ source: bytes(new Uint8Array(1)), voice: { durationMs: -1, waveform: [] } }],
        },
        'items.0.voice.durationMs',
      ],
      [
        {
          conversationId: d,
          items: [{ source: bytes(new Uint8Array(1)), voice: { durationMs: 1, waveform: [256] } }],
        },
        'items.0.voice.waveform.0',
      ],
    ];
    for (const [request, path] of cases) {
      const result = await send(request);
      expect(result.ok, path).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, path).toBe('IPC_INVALID_REQUEST');
      expect(
        result.error.issues?.map((i) => i.path),
        path,
      ).toContain(path);
    }
    for (const [channel, request] of [
      ['files.download', { conversationId: d, messageId: '../../cache.db' }],
      ['files.open', { conversationId: d }],
      ['transfers.cancel', { id: 'x'.repeat(201) }],
      ['groups.setAvatar', { conversationId: d, source: { kind: 'path', path: 'C:relative.png' } }],
    ] as const) {
      expect(await dispatchIpc(channel, handlers, request), channel).toMatchObject({
        ok: false,
        error: { code: 'IPC_INVALID_REQUEST' },
      });
    }
    // Nothing was queued, nothing written.
    expect(a.store.outbox.ofConversation(d)).toEqual([]);
    expect(existsSync(join(a.files.cache.root, 'outgoing'))).toBe(false);
  });

  it('refusals of the core itself carry stable codes', async () => {
    const dir = tempDir('parley-ipc-files-');
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'ok.txt'), 'fine');
    for (const [request, code] of [
      [
        { conversationId: randomUUID(), items: [{ source: { kind: 'path', path: join(dir, 'ok.txt') } }] },
        'CONVERSATION_NOT_FOUND',
      ],
      [{ conversationId: d, items: [{ source: { kind: 'path', path: join(dir, 'missing.txt') } }] }, 'IO'],
      [{ conversationId: d, items: [{ source: { kind: 'path', path: join(dir, 'folder') } }] }, 'IO'],
      // One unreadable item refuses the whole call.
      [
        {
          conversationId: d,
          items: [
            {
              source: { kind: 'bytes', name: 'a.txt', type: 'text/plain', data: new Uint8Array([104, 105]) },
            },
            { source: { kind: 'path', path: join(dir, 'missing.txt') } },
          ],
        },
        'IO',
      ],
    ] as const) {
      expect(await send(request)).toMatchObject({ ok: false, error: { code } });
    }
    expect(a.store.outbox.ofConversation(d)).toEqual([]);
    for (const [channel, request, code] of [
      ['transfers.pause', { id: randomUUID() }, 'NOT_FOUND'],
      ['transfers.resume', { id: `download:${randomUUID()}` }, 'NOT_FOUND'],
      ['files.download', { conversationId: d, messageId: randomUUID() }, 'MESSAGE_NOT_FOUND'],
      [
        'profile.setAvatar',
        { source: { kind: 'bytes', name: 'a.txt', type: 'image/png', data: new Uint8Array([1, 2]) } },
        'UNSUPPORTED_IMAGE',
      ],
    ] as const) {
      expect(await dispatchIpc(channel, handlers, request), channel).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    // And it still serves.
    const ok = await send({
      conversationId: d,
      items: [{ source: { kind: 'path', path: join(dir, 'ok.txt') } }],
    });
    expect(ok).toMatchObject({
      ok: true,
      data: { entries: [{ content: { kind: 'file', name: 'ok.txt', mime: 'application/octet-stream' } }] },
    });
    await until(() => a.store.outbox.ofConversation(d).length === 0, 15_000, 'sent');
  });

  it('the file URLs answer 404 for unknown ids and paths outside their shapes', async () => {
    await until(() => b.store.messages.allOf(d).some((m) => m.content?.kind === 'file'), 15_000, 'file at b');
    const known = b.store.messages.allOf(d).find((m) => m.content?.kind === 'file')!;
    if (known.content?.kind !== 'file') throw new Error('unreachable');
    const fileId = known.content.file.id;
    const get = (core: DesktopCore, pathname: string) =>
      core.files.respond({ method: 'GET', pathname, headers: new Headers() });
    expect((await get(b, `/files/${fileId}/original`)).status).toBe(200);
    for (const pathname of [
      `/files/${randomUUID()}/original`,
      `/files/outgoing/${randomUUID()}`,
      `/avatars/${randomUUID()}/64`,
      `/files/${fileId}/../../cache.db`,
      `/files/${fileId}%2F..%2F..%2Fcache.db`,
      '/files/../cache.db',
      '/files/%2e%2e/cache.db/original',
      `/files/${fileId}/original/..`,
      '/avatars/../../files/blobs',
    ]) {
      const res = await get(b, pathname);
      expect(res.status, pathname).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
    // A file of a message that was recalled is forgotten.
    const { seq } = await a.sync.rpc('messages.recall', { messageId: known.id });
    await b.sync.applied(d, seq);
    expect((await get(b, `/files/${fileId}/original`)).status).toBe(404);
  });
});

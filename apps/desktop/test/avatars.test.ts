import type { ParleyServer } from '@parley/server';
import { Limits } from '@parley/shared';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { befriend, newCore, signUp, startServer, tempDir, until } from './support/harness.js';
import { ipcOf } from './support/ipc.js';

/*
 * profile.setAvatar and groups.setAvatar against the real server: the change reaches the other
 * members' caches, and their cores serve the avatar at /avatars/<fileId>/<64|256>.
 */

let server: ParleyServer;
let a: DesktopCore;
let b: DesktopCore;
let aId: string;
let g: string;

const picture = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
const avatarAt = async (core: DesktopCore, fileId: string, size: '64' | '256') => {
  const res = await core.files.respond({
    method: 'GET',
    pathname: `/avatars/${fileId}/${size}`,
    headers: new Headers(),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/webp');
  return sharp(Buffer.from(await res.arrayBuffer())).metadata();
};

beforeAll(async () => {
  server = await startServer();
  a = newCore();
  b = newCore();
  aId = await signUp(a, server.url);
  const bId = await signUp(b, server.url);
  await befriend(a, b, bId);
  const { conversation } = await a.sync.rpc('groups.create', { name: 'Design 设计', memberIds: [bId] });
  g = conversation.id;
  await until(
    () => a.store.conversations.get(g) !== undefined && b.store.conversations.get(g) !== undefined,
    10_000,
    'group',
  );
});
afterAll(async () => {
  a.close();
  b.close();
  await server.close();
});

describe('avatars', () => {
  it('my avatar: set from a file, seen by a friend, served square at both sizes', async () => {
    const path = join(tempDir('parley-avatar-'), 'me.png');
    writeFileSync(path, await picture(600, 400, '#c33'));
    const { me } = await ipcOf(a)('profile.setAvatar', { source: { kind: 'path', path } });
    expect(me.avatarFileId).toEqual(expect.any(String));
    const fileId = me.avatarFileId!;
    expect(a.store.users.get(aId)?.avatarFileId).toBe(fileId);
    await until(() => b.store.users.get(aId)?.avatarFileId === fileId, 15_000, 'b sees the avatar');
    // A direct conversation shows the other person's avatar.
    const { conversation } = await b.sync.rpc('conversations.openDirect', { userId: aId });
    await b.sync.applied(conversation.id, conversation.lastSeq);
    expect(b.conversations().find((c) => c.id === conversation.id)?.avatarFileId).toBe(fileId);
    expect(await avatarAt(b, fileId, '64')).toMatchObject({ format: 'webp', width: 64, height: 64 });
    expect(await avatarAt(b, fileId, '256')).toMatchObject({ format: 'webp', width: 256, height: 256 });
  });

  it("a group's avatar: set by bytes, applied from the conversation's stream at every member", async () => {
    await ipcOf(a)('groups.setAvatar', {
      conversationId: g,
      source: {
        kind: 'bytes',
        name: 'team.png',
        type: 'image/png',
        data: new Uint8Array(await picture(300, 300, '#36c')),
      },
    });
    const fileId = a.store.conversations.get(g)?.avatar_file_id;
    expect(fileId).toEqual(expect.any(String));
    expect(a.conversations().find((c) => c.id === g)?.avatarFileId).toBe(fileId);
    await until(
      () => b.store.conversations.get(g)?.avatar_file_id === fileId,
      15_000,
      'b sees the group avatar',
    );
    expect(await avatarAt(b, fileId!, '256')).toMatchObject({ width: 256, height: 256 });
  });

  it('refuses what is not a picture or too large before asking the server', async () => {
    await expect(
      ipcOf(a)('profile.setAvatar', {
        source: { kind: 'bytes', name: 'x.png', type: 'image/png', data: new TextEncoder().encode('<svg/>') },
      }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
    const big = join(tempDir('parley-avatar-'), 'big.png');
    writeFileSync(big, Buffer.alloc(Limits.avatarBytesMax + 1));
    await expect(
      ipcOf(a)('profile.setAvatar', { source: { kind: 'path', path: big } }),
    ).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    await expect(
      ipcOf(b)('groups.setAvatar', {
        conversationId: g,
        source: {
          kind: 'bytes',
          name: 'x.png',
          type: 'image/png',
          data: new Uint8Array(await picture(10, 10, '#000')),
        },
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_ROLE' });
  });
});

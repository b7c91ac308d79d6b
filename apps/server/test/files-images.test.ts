import type { Conversation, FileInfo, Me, PublicUser } from '@parley/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { befriend, secondDevice, type TestClient, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { blobCount, fetchBytes, fileInfo, jsonOf, sendFile } from './support/files.js';
import { request } from './support/http.js';
import { TusClient } from './support/tus.js';

/** A 400×200 JPEG stored sideways (EXIF orientation 6: shown 200×400) with a GPS position in its EXIF. */
const sidewaysPhotoWithGps = () =>
  sharp({ create: { width: 400, height: 200, channels: 3, background: '#c04020' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'ParleyCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 0/1',
      },
    })
    .toBuffer();

const png = (width: number, height: number, background = '#2080c0') =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

const putAvatar = (client: TestClient, path: string, body: Uint8Array, method = 'PUT') =>
  request(client.url, path, {
    method,
    token: client.auth.accessToken,
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });

describe('images', () => {
  const f = useTestServer();

  async function direct() {
    const [alice, bob] = (await f.users(2)) as [TestClient, TestClient];
    await befriend(alice, bob);
    const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
    return { alice, bob, conversationId: conversation.id as string };
  }

  it('applies EXIF orientation, strips EXIF and GPS from the thumbnail and preview, and reports the upright size', async () => {
    const { alice, bob, conversationId } = await direct();
    const photo = await sidewaysPhotoWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const fileId = await new TusClient(f.t.url, alice.auth.accessToken).upload(
      conversationId,
      photo,
      'IMG_0001.jpg',
      'image/jpeg',
    );
    await sendFile(alice, conversationId, { kind: 'image', fileId: fileId as never });
    const created = await until(
      () => bob.convEvents.some((e) => e.type === 'message.created'),
      10_000,
      'the image message',
    ).then(() => bob.convEvents.find((e) => e.type === 'message.created'));
    const content = created?.type === 'message.created' ? created.message.content : null;
    expect(content?.kind).toBe('image');
    const info = (content as { file: FileInfo }).file;
    expect(info).toMatchObject({
      mime: 'image/jpeg',
      width: 200,
      height: 400,
      hasThumbnail: true,
      executable: false,
    });

    for (const [variant, box] of [
      ['thumbnail', 320],
      ['preview', 1600],
    ] as const) {
      const res = await fetchBytes(f.t.url, `/api/files/${fileId}/${variant}`, bob.auth.accessToken);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('content-disposition')).toBe('inline');
      const meta = await sharp(res.bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.height).toBeGreaterThan(meta.width);
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(box);
      expect(res.bytes.includes(Buffer.from('ParleyCam'))).toBe(false);
    }
    const preview = await sharp(
      (await fetchBytes(f.t.url, `/api/files/${fileId}/preview`, bob.auth.accessToken)).bytes,
    ).metadata();
    expect([preview.width, preview.height]).toEqual([200, 400]);
  });

  it('has no thumbnail for a file that is not an image', async () => {
    const { alice, conversationId } = await direct();
    const fileId = await new TusClient(f.t.url, alice.auth.accessToken).upload(
      conversationId,
      Buffer.from('hello'),
      'a.txt',
      'text/plain',
    );
    expect((await fileInfo(alice, fileId)).info).toMatchObject({
      mime: 'text/plain',
      width: null,
      hasThumbnail: false,
    });
    const res = await fetchBytes(f.t.url, `/api/files/${fileId}/thumbnail`, alice.auth.accessToken);
    expect([res.status, jsonOf<{ error: { code: string } }>(res).error.code]).toEqual([
      404,
      'FILE_NOT_FOUND',
    ]);
  });
});

describe('thumbnails still being made', () => {
  // Requests do not wait for a job at all here, so one queued behind a long job is seen pending.
  const f = useTestServer({ thumbnailWaitMs: 0 });

  it('answers 503 FILE_NOT_READY with Retry-After while the job is queued, and the image once it is done', async () => {
    const [alice, bob] = (await f.users(2)) as [TestClient, TestClient];
    await befriend(alice, bob);
    const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    // 81 megapixels of PNG (no shrink-on-load): its job takes far longer than the next upload.
    const slow = await png(9_000, 9_000);
    await tus.upload(conversation.id, slow, 'slow.png', 'image/png');
    const queued = await tus.upload(conversation.id, await png(400, 300), 'queued.png', 'image/png');

    const early = await fetchBytes(f.t.url, `/api/files/${queued}/thumbnail`, alice.auth.accessToken);
    expect([early.status, early.headers.get('retry-after')]).toEqual([503, '2']);
    expect(jsonOf<{ error: { code: string; retryAfterMs: number } }>(early).error).toMatchObject({
      code: 'FILE_NOT_READY',
      retryAfterMs: 2000,
    });
    // Sent while pending: accepted, its FileInfo says so.
    const sent = await sendFile(alice, conversation.id, { kind: 'image', fileId: queued as never });
    const page = await bob.rpc('sync.conversation', { conversationId: conversation.id });
    const message = page.events.find((e) => e.type === 'message.created' && e.message.id === sent.id);
    expect(
      message?.type === 'message.created' &&
        (message.message.content as { file: FileInfo }).file.hasThumbnail,
    ).toBe(false);
    await expect
      .poll(
        async () =>
          (await fetchBytes(f.t.url, `/api/files/${queued}/thumbnail`, bob.auth.accessToken)).status,
        {
          timeout: 30_000,
          interval: 100,
        },
      )
      .toBe(200);
    expect((await fileInfo(bob, queued)).info.hasThumbnail).toBe(true);
  });
});

describe('avatars', () => {
  const f = useTestServer();

  it('sets my avatar: square 256 and 64 px WebP, my devices get profile.updated, contacts get user.updated', async () => {
    const [alice, bob] = (await f.users(2)) as [TestClient, TestClient];
    await befriend(alice, bob);
    const alicePhone = f.track(await secondDevice(alice));
    const seenByBob: PublicUser[] = [];
    bob.socket.on('user.updated', (u) => seenByBob.push(u));

    const res = await putAvatar(alice, '/api/me/avatar', await png(1000, 600));
    expect(res.status).toBe(200);
    const me = (res.body as { user: Me }).user;
    expect(me.avatarFileId).toMatch(/^[0-9a-f-]{36}$/);
    for (const size of [256, 64]) {
      const img = await fetchBytes(f.t.url, `/api/avatars/${me.avatarFileId}/${size}`, bob.auth.accessToken);
      expect([img.status, img.headers.get('content-type')]).toEqual([200, 'image/webp']);
      const meta = await sharp(img.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', size, size]);
    }
    await until(
      () => seenByBob.some((u) => u.avatarFileId === me.avatarFileId),
      10_000,
      'user.updated at Bob',
    );
    await until(
      () =>
        alicePhone.userEvents.some(
          (e) => e.type === 'profile.updated' && e.user.avatarFileId === me.avatarFileId,
        ),
      10_000,
      'profile.updated on the other device',
    );
    const { users } = await bob.rpc('users.get', { userIds: [alice.userId as never] });
    expect(users[0]?.avatarFileId).toBe(me.avatarFileId);

    // A new avatar replaces the old one, whose file goes; removing it leaves none.
    const blobsBefore = blobCount(f.t.dataDir);
    const second = (
      (await putAvatar(alice, '/api/me/avatar', await png(300, 300, '#10a010'))).body as { user: Me }
    ).user;
    expect(second.avatarFileId).not.toBe(me.avatarFileId);
    expect(
      (await fetchBytes(f.t.url, `/api/avatars/${me.avatarFileId}/256`, bob.auth.accessToken)).status,
    ).toBe(404);
    await until(() => blobCount(f.t.dataDir) === blobsBefore, 10_000, 'the old avatar blob to go');
    const removed = await request(f.t.url, '/api/me/avatar', {
      method: 'DELETE',
      token: alice.auth.accessToken,
    });
    expect((removed.body as { user: Me }).user.avatarFileId).toBeNull();
    await until(() => blobCount(f.t.dataDir) === blobsBefore - 1, 10_000, 'the avatar blob to go');
  });

  it('refuses what is not a usable image, and bodies over the avatar limit', async () => {
    const alice = await f.user();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    for (const body of [
      svg,
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('plain text'),
    ]) {
      const res = await putAvatar(alice, '/api/me/avatar', body);
      expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([
        415,
        'UNSUPPORTED_IMAGE',
      ]);
    }
    const huge = await putAvatar(alice, '/api/me/avatar', Buffer.alloc(10 * 1024 * 1024 + 1));
    expect([huge.status, (huge.body as { error: { code: string } }).error.code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    expect(
      ((await request(f.t.url, '/api/me', { token: alice.auth.accessToken })).body as { user: Me }).user
        .avatarFileId,
    ).toBeNull();
  });

  it('sets a group avatar for owners and admins, as a conversation.avatarChanged event everyone sees', async () => {
    const [owner, member, stranger] = (await f.users(3)) as [TestClient, TestClient, TestClient];
    const { conversation } = await owner.rpc('groups.create', {
      name: 'team',
      memberIds: [member.userId as never],
    });
    const path = `/api/conversations/${conversation.id}/avatar`;
    const refused = await putAvatar(member, path, await png(64, 64));
    expect([refused.status, (refused.body as { error: { code: string } }).error.code]).toEqual([
      403,
      'INSUFFICIENT_ROLE',
    ]);
    const hidden = await putAvatar(stranger, path, await png(64, 64));
    expect([hidden.status, (hidden.body as { error: { code: string } }).error.code]).toEqual([
      404,
      'CONVERSATION_NOT_FOUND',
    ]);

    const res = await putAvatar(owner, path, await png(640, 480));
    expect(res.status).toBe(200);
    const { seq, avatarFileId } = res.body as { seq: number; avatarFileId: string };
    await until(
      () =>
        member.convEvents.some(
          (e) => e.type === 'conversation.avatarChanged' && e.seq === seq && e.avatarFileId === avatarFileId,
        ),
      10_000,
      'conversation.avatarChanged at the member',
    );
    const seen: Conversation = (await member.rpc('conversations.get', { conversationId: conversation.id }))
      .conversation;
    expect(seen.avatarFileId).toBe(avatarFileId);
    expect(
      (await fetchBytes(f.t.url, `/api/avatars/${avatarFileId}/64`, stranger.auth.accessToken)).status,
    ).toBe(200);

    await owner.rpc('groups.setRole', {
      conversationId: conversation.id,
      userId: member.userId,
      role: 'admin',
    });
    const cleared = await request(f.t.url, path, { method: 'DELETE', token: member.auth.accessToken });
    expect((cleared.body as { avatarFileId: string | null }).avatarFileId).toBeNull();
    expect(
      (await member.rpc('conversations.get', { conversationId: conversation.id })).conversation.avatarFileId,
    ).toBeNull();
    expect(
      (await fetchBytes(f.t.url, `/api/avatars/${avatarFileId}/64`, stranger.auth.accessToken)).status,
    ).toBe(404);
  });
});

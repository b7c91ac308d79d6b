import type { Message, VideoContent, VoiceContent } from '@parley/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { befriend, type TestClient } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { blobCount, fetchBytes, sendFile } from './support/files.js';
import { refusal } from './support/refusal.js';
import { metaFor, TusClient } from './support/tus.js';

/** A WebM (EBML) recording, as MediaRecorder makes, and an MP4 (ftyp) video: only their first bytes matter here. */
const webm = () => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(2000)]);
const mp4 = () => Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), randomBytes(2000)]);

describe('file messages', () => {
  const f = useTestServer();

  async function group() {
    const [alice, bob] = (await f.users(2)) as [TestClient, TestClient];
    const { conversation } = await alice.rpc('groups.create', {
      name: 'files',
      memberIds: [bob.userId as never],
    });
    return {
      alice,
      bob,
      conversationId: conversation.id as string,
      tus: new TusClient(f.t.url, alice.auth.accessToken),
    };
  }

  const stored = async (client: TestClient, conversationId: string, id: string): Promise<Message> => {
    const page = await client.rpc('sync.conversation', { conversationId });
    const found = page.events.find((e) => e.type === 'message.created' && e.message.id === id);
    if (found?.type !== 'message.created') throw new Error('message not found');
    return found.message;
  };

  it('sends voice and video with what only the client knows, and the server’s FileInfo', async () => {
    const { alice, bob, conversationId, tus } = await group();
    const voiceId = await tus.upload(conversationId, webm(), 'voice.webm', 'audio/webm');
    const waveform = Array.from({ length: 100 }, (_, i) => (i * 7) % 256);
    const voice = await sendFile(alice, conversationId, {
      kind: 'voice',
      fileId: voiceId as never,
      durationMs: 12_345,
      waveform,
    });
    const voiceContent = (await stored(bob, conversationId, voice.id)).content as VoiceContent;
    expect(voiceContent).toMatchObject({
      kind: 'voice',
      durationMs: 12_345,
      waveform,
      file: { id: voiceId, mime: 'audio/webm' },
    });

    const videoId = await tus.upload(conversationId, mp4(), 'clip.mp4', 'video/mp4');
    const posterBytes = await sharp({ create: { width: 320, height: 180, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const posterId = await tus.upload(conversationId, posterBytes, 'poster.jpg', 'image/jpeg');
    const video = await sendFile(alice, conversationId, {
      kind: 'video',
      fileId: videoId as never,
      durationMs: 4_000,
      posterFileId: posterId as never,
    });
    const videoContent = (await stored(bob, conversationId, video.id)).content as VideoContent;
    expect(videoContent).toMatchObject({
      kind: 'video',
      durationMs: 4_000,
      file: { id: videoId, mime: 'video/mp4' },
      poster: { id: posterId, width: 320, height: 180, hasThumbnail: true },
    });
    // The poster is readable by members through the message that carries it.
    expect((await fetchBytes(f.t.url, `/api/files/${posterId}/thumbnail`, bob.auth.accessToken)).status).toBe(
      200,
    );
  });

  it('checks that the kind fits the file', async () => {
    const { alice, conversationId, tus } = await group();
    const text = await tus.upload(conversationId, Buffer.from('not sound'), 'notes.txt', 'text/plain');
    const video = await tus.upload(conversationId, mp4(), 'clip.mp4', 'video/mp4');
    const sound = await tus.upload(conversationId, webm(), 'voice.webm', 'audio/webm');
    const voiceOf = (fileId: string) => ({
      kind: 'voice' as const,
      fileId: fileId as never,
      durationMs: 1,
      waveform: [],
    });
    expect(await refusal(sendFile(alice, conversationId, voiceOf(text)))).toBe('FILE_KIND_MISMATCH');
    expect(await refusal(sendFile(alice, conversationId, voiceOf(video)))).toBe('FILE_KIND_MISMATCH');
    expect(
      await refusal(
        sendFile(alice, conversationId, { kind: 'video', fileId: sound as never, durationMs: 1 }),
      ),
    ).toBe('FILE_KIND_MISMATCH');
    expect(
      await refusal(
        sendFile(alice, conversationId, {
          kind: 'video',
          fileId: video as never,
          durationMs: 1,
          posterFileId: text as never,
        }),
      ),
    ).toBe('FILE_KIND_MISMATCH');
    expect(await refusal(sendFile(alice, conversationId, { kind: 'image', fileId: sound as never }))).toBe(
      'FILE_KIND_MISMATCH',
    );
    await expect(
      sendFile(alice, conversationId, { kind: 'file', fileId: video as never }),
    ).resolves.toBeDefined();
  });

  it('sends only the sender’s own finished uploads into that conversation', async () => {
    const { alice, bob, conversationId, tus } = await group();
    const { conversation: other } = await alice.rpc('groups.create', { name: 'elsewhere', memberIds: [] });
    const mine = await tus.upload(conversationId, randomBytes(100));
    const elsewhere = await tus.upload(other.id, randomBytes(100));
    const fileOf = (id: string) => ({ kind: 'file' as const, fileId: id as never });
    expect(await refusal(sendFile(bob, conversationId, fileOf(mine)))).toBe('FILE_NOT_FOUND');
    expect(await refusal(sendFile(alice, conversationId, fileOf(elsewhere)))).toBe('FILE_NOT_FOUND');
    expect(await refusal(sendFile(alice, conversationId, fileOf(randomUUID())))).toBe('FILE_NOT_FOUND');
    const bytes = randomBytes(1000);
    const { id: open } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes) });
    await tus.send(open!, bytes.subarray(0, 10));
    expect(await refusal(sendFile(alice, conversationId, fileOf(open!)))).toBe('UPLOAD_INCOMPLETE');
  });

  it('keeps idempotency by clientMsgId, refuses edits of file messages, and takes replies', async () => {
    const { alice, conversationId, tus } = await group();
    const first = await tus.upload(conversationId, randomBytes(100));
    const second = await tus.upload(conversationId, randomBytes(100));
    const clientMsgId = randomUUID();
    const send = (fileId: string) =>
      alice.rpc('messages.send', {
        conversationId,
        clientMsgId,
        content: { kind: 'file', fileId: fileId },
      });
    const ack = await send(first);
    await expect(send(first)).resolves.toEqual(ack);
    expect(await refusal(send(second))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await refusal(alice.rpc('messages.edit', { messageId: ack.id, text: 'no' }))).toBe(
      'VALIDATION_FAILED',
    );
    const reply = await sendFile(alice, conversationId, {
      kind: 'file',
      fileId: second as never,
      replyTo: ack.id,
    });
    expect(((await stored(alice, conversationId, reply.id)).content as { replyTo?: string }).replyTo).toBe(
      ack.id,
    );
  });
});

describe('one blob per content', () => {
  const f = useTestServer();

  it('keeps one blob, and both files, when the same bytes finish uploading at the same moment', async () => {
    const [alice, bob] = (await f.users(2)) as [TestClient, TestClient];
    const { conversation } = await alice.rpc('groups.create', {
      name: 'twins',
      memberIds: [bob.userId as never],
    });
    const bytes = randomBytes(200_000);
    const before = blobCount(f.t.dataDir);
    const [a, b] = await Promise.all(
      [alice, bob].map((c) => new TusClient(f.t.url, c.auth.accessToken).upload(conversation.id, bytes)),
    );
    expect(blobCount(f.t.dataDir)).toBe(before + 1);
    for (const [client, id] of [
      [alice, a],
      [bob, b],
    ] as const) {
      expect(
        (await fetchBytes(f.t.url, `/api/files/${id}`, client.auth.accessToken)).bytes.equals(bytes),
      ).toBe(true);
    }
  });

  it('stores two uploads of the same bytes once; recalling one message keeps the blob, recalling both removes it', async () => {
    const [alice, bob] = (await f.users(2)) as [TestClient, TestClient];
    await befriend(alice, bob);
    const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
    const bytes = randomBytes(300_000);
    const before = blobCount(f.t.dataDir);
    const first = await new TusClient(f.t.url, alice.auth.accessToken).upload(
      conversation.id,
      bytes,
      'a.bin',
    );
    const second = await new TusClient(f.t.url, bob.auth.accessToken).upload(conversation.id, bytes, 'b.bin');
    expect(first).not.toBe(second);
    expect(blobCount(f.t.dataDir)).toBe(before + 1);

    const one = await sendFile(alice, conversation.id, { kind: 'file', fileId: first as never });
    const two = await sendFile(bob, conversation.id, { kind: 'file', fileId: second as never });
    await alice.rpc('messages.recall', { messageId: one.id });
    expect(blobCount(f.t.dataDir)).toBe(before + 1);
    expect((await fetchBytes(f.t.url, `/api/files/${first}`, bob.auth.accessToken)).status).toBe(404);
    expect(
      (await fetchBytes(f.t.url, `/api/files/${second}`, alice.auth.accessToken)).bytes.equals(bytes),
    ).toBe(true);

    await bob.rpc('messages.recall', { messageId: two.id });
    await expect.poll(() => blobCount(f.t.dataDir)).toBe(before);
    expect((await fetchBytes(f.t.url, `/api/files/${second}`, bob.auth.accessToken)).status).toBe(404);
  });
});

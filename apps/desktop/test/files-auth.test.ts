import type { ParleyServer } from '@parley/server';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import {
  directConversation,
  newCore,
  signUp,
  sleep,
  startServer,
  tempDir,
  until,
} from './support/harness.js';

/*
 * File transfers with an access token that expired: the server answers 401 TOKEN_EXPIRED, the core
 * refreshes the token (through the sync engine's one-at-a-time refresh) and goes on by itself.
 * The cores' clocks run an hour behind, so their own refresh timers do not get there first.
 */

const TTL = 1500;
let server: ParleyServer;
let a: DesktopCore;
let b: DesktopCore;
let d: string;

beforeAll(async () => {
  server = await startServer(undefined, 0, { accessTokenTtlMs: TTL });
  const behind = () => Date.now() - 3_600_000;
  a = newCore(undefined, undefined, { now: behind });
  b = newCore(undefined, undefined, { now: behind });
  await signUp(a, server.url);
  const bId = await signUp(b, server.url);
  d = await directConversation(a, b, bId);
});
afterAll(async () => {
  a.close();
  b.close();
  await server.close();
});

describe('an expired access token', () => {
  it('is refreshed for an upload and for a download, which go on', async () => {
    const [aToken, bToken] = [await a.sync.bearer(), await b.sync.bearer()];
    await sleep(TTL + 500);
    const bytes = randomBytes(3 * 1024 * 1024);
    const path = join(tempDir('parley-auth-'), 'after-expiry.bin');
    writeFileSync(path, bytes);
    await a.files.send({ conversationId: d as never, items: [{ source: { kind: 'path', path } }] });
    await until(
      () => b.store.messages.allOf(d).some((m) => m.content?.kind === 'file'),
      20_000,
      'the file at b',
    );
    expect(a.store.outbox.ofConversation(d)).toEqual([]);
    // Refreshed because the server refused the old token, not by the (far away) timer.
    expect(await a.sync.bearer()).not.toBe(aToken);

    await sleep(TTL + 500);
    const message = b.store.messages.allOf(d).find((m) => m.content?.kind === 'file')!;
    const cached = await b.files.download({ conversationId: d, messageId: message.id });
    expect(await b.sync.bearer()).not.toBe(bToken);
    expect(createHash('sha256').update(readFileSync(cached!)).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });
});

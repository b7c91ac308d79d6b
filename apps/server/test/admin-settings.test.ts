import type { AdminSettings, Health, ServerInfo } from '@parley/shared';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AdminApi, codeOf } from './support/admin.js';
import { http, type TestClient, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { postJson } from './support/http.js';
import { metaFor, TusClient, tusError } from './support/tus.js';

const MiB = 1024 * 1024;

describe('server settings', () => {
  const lines: string[] = [];
  const f = useTestServer(
    { serverName: 'Office', maxFileSize: 8 * MiB, userQuotaBytes: 64 * MiB, logLevel: 'info' },
    { logDestination: { write: (l) => lines.push(l) } },
  );

  /** The server's first account, its administrator. */
  let admin: TestClient;

  it('start from the configuration, and a change of name or announcement reaches everyone at once', async () => {
    // One after the other: the first account to register is the administrator (users() registers
    // them at once, and either could come first).
    admin = await f.user();
    const member = await f.user();
    const api = new AdminApi(admin);
    expect(await api.settings()).toEqual({
      serverName: 'Office',
      announcement: '',
      registration: 'open',
      maxFileSize: 8 * MiB,
      userQuotaBytes: 64 * MiB,
      retentionDays: null,
    } satisfies AdminSettings);

    const pushes: ServerInfo[] = [];
    member.socket.on('server.updated', (info) => pushes.push(info));
    const announcement = 'Maintenance on Friday at 18:00.\nSave your drafts.';
    const after = await api.settings({ serverName: '  Acme HQ  ', announcement });
    expect(after).toMatchObject({ serverName: 'Acme HQ', announcement });
    await until(() => pushes.length === 1, 10_000, 'server.updated');
    expect(pushes[0]).toEqual({ name: 'Acme HQ', announcement, registration: 'open' });
    expect((await http<Health>(f.t.url, '/api/health')).body.name).toBe('Acme HQ');
    expect((await http<ServerInfo>(f.t.url, '/api/server')).body).toEqual(pushes[0]);

    // File limits are not news for everyone: the next push is the announcement's.
    await api.settings({ maxFileSize: 9 * MiB });
    await api.settings({ announcement: '' });
    await until(() => pushes.length === 2, 10_000, 'the second server.updated');
    expect(pushes[1]).toEqual({ name: 'Acme HQ', announcement: '', registration: 'open' });

    const audit = lines.filter((l) => l.includes('"settings.update"'));
    expect(audit.length).toBe(3);
    expect(audit[0]).toContain(admin.userId);
    expect(audit[0]).toContain('"serverName","announcement"');
    expect(lines.join('\n')).not.toContain('Maintenance on Friday');
  });

  it('apply file limits to the very next upload', async () => {
    const member = (await f.users(1))[0]!;
    const api = new AdminApi(admin);
    const { conversation } = await member.rpc('groups.create', { name: 'files', memberIds: [] });
    const tus = new TusClient(f.t.url, member.auth.accessToken);

    await api.settings({ maxFileSize: 1000, userQuotaBytes: 1500 });
    const tooBig = await tus.create(1001, { ...metaFor(conversation.id, randomBytes(1)) });
    expect([tooBig.status, tusError(tooBig)?.code]).toEqual([413, 'FILE_TOO_LARGE']);
    await tus.upload(conversation.id, randomBytes(1000));
    const over = await tus.create(600, { ...metaFor(conversation.id, randomBytes(1)) });
    expect([over.status, tusError(over)?.code]).toEqual([413, 'QUOTA_EXCEEDED']);

    await api.settings({ userQuotaBytes: 64 * MiB });
    expect((await tus.create(600, { ...metaFor(conversation.id, randomBytes(1)) })).status).toBe(201);
  });

  it('are kept across a restart, and changed only by administrators', async () => {
    const member = (await f.users(1))[0]!;
    const asMember = await http(f.t.url, '/api/admin/settings', {
      method: 'PATCH',
      token: member.auth.accessToken,
      body: { serverName: 'Mine now' },
    });
    expect({ status: asMember.status, code: codeOf(asMember) }).toEqual({ status: 403, code: 'NOT_ADMIN' });
    await f.t.restart();
    expect((await http<ServerInfo>(f.t.url, '/api/server')).body.name).toBe('Acme HQ');
  });
});

describe('bad settings', () => {
  const f = useTestServer();

  it('are refused with VALIDATION_FAILED and change nothing', async () => {
    const admin = (await f.users(1))[0]!;
    const api = new AdminApi(admin);
    const before = await api.settings();
    const bad: Record<string, unknown>[] = [
      { serverName: '   ' },
      { serverName: 'x'.repeat(65) },
      { serverName: 'two\nlines' },
      { announcement: 'bell \u0007' },
      { announcement: '长'.repeat(1001) },
      { registration: 'friends-only' },
      { maxFileSize: 0 },
      { maxFileSize: 1.5 },
      { userQuotaBytes: -1 },
      { retentionDays: 0 },
      { retentionDays: 'forever' },
      { retentionDays: 36_501 },
      { theme: 'dark' },
      { serverName: 'Fine', extra: true },
    ];
    for (const body of bad) {
      const res = await api.call('PATCH', '/api/admin/settings', body);
      expect({ status: res.status, code: codeOf(res) }, JSON.stringify(body).slice(0, 60)).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const notJson = await postJson(f.t.url, '/api/admin/retention/run', '{', admin.auth.accessToken);
    expect(codeOf({ status: notJson.status, body: notJson.body })).toBe('VALIDATION_FAILED');
    const unknown = await api.call('GET', '/api/admin/nothing-here');
    expect({ status: unknown.status, code: codeOf(unknown) }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await api.settings()).toEqual(before);
    // An empty patch is fine and changes nothing.
    expect(await api.settings({})).toEqual(before);
  });
});

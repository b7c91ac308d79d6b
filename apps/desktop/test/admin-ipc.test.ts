import type { ServerInfo } from '@parley/shared';
import { SYSTEM_USER_ID } from '@parley/shared/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { useCoreFixture } from './support/core-fixture.js';
import { befriend, newCore, signUp, startServer, uniqueName, until } from './support/harness.js';
import { type IpcCall, ipcOf } from './support/ipc.js';

/*
 * The admin.* channels on a real core against a real server: each is its REST route with the
 * current token; what an administrator does reaches the other user's core (signed out with the
 * reason, a forced password change at the next login, the announcement, expired messages).
 */

const DAY = 24 * 60 * 60 * 1000;
/** Added to the server's clock, so messages age without waiting. */
let clockOffset = 0;
const f = useCoreFixture(() => startServer(undefined, 0, {}, { now: () => Date.now() + clockOffset }));

let admin: DesktopCore;
let adminIpc: IpcCall;
let adminId: string;

beforeAll(async () => {
  // Not through the fixture's core(): it lives for the whole file.
  admin = newCore();
  adminId = await signUp(admin, f.server.url, uniqueName('boss'));
  adminIpc = ipcOf(admin);
});
afterAll(() => {
  admin.close();
});

/** A second person on their own core, signed in through IPC as the sign-in screen does. */
async function member(): Promise<{ core: DesktopCore; ipc: IpcCall; id: string; username: string }> {
  const core = f.core();
  const ipc = ipcOf(core);
  const username = uniqueName('member');
  const { me } = await ipc('session.register', {
    serverUrl: f.server.url,
    username,
    displayName: `Member ${username}`,
    password: 'correct horse battery',
  });
  await until(() => core.sync.connection === 'online', 15_000, 'online');
  return { core, ipc, id: me.id, username };
}

const reasonOf = (core: DesktopCore) =>
  new Promise<string>((resolve) => {
    core.once('signed-out', resolve);
  });

describe('administration over IPC', () => {
  it('knows who administers the server, and the server refuses everyone else', async () => {
    expect((await adminIpc('session.state', {})).me).toMatchObject({ id: adminId, isAdmin: true });
    const m = await member();
    expect((await m.ipc('session.state', {})).me).toMatchObject({ isAdmin: false });
    await expect(m.ipc('admin.getSettings', {})).rejects.toMatchObject({ code: 'NOT_ADMIN' });

    // Made an administrator: their device learns it from their profile event, without signing in again.
    const { user } = await adminIpc('admin.setAdmin', { userId: m.id, isAdmin: true });
    expect(user.isAdmin).toBe(true);
    await until(() => m.core.store.meta.isAdmin, 10_000, 'the promotion to reach the device');
    expect((await m.ipc('session.state', {})).me?.isAdmin).toBe(true);
    expect((await m.ipc('admin.getSettings', {})).settings.registration).toBe('open');
    await adminIpc('admin.setAdmin', { userId: m.id, isAdmin: false });
    await until(() => !m.core.store.meta.isAdmin, 10_000, 'the demotion to reach the device');
  });

  it('sets registration to invite-only; the sign-in screen learns it and registers with a code', async () => {
    const { settings } = await adminIpc('admin.updateSettings', { registration: 'invite' });
    expect(settings.registration).toBe('invite');
    const { invite } = await adminIpc('admin.createInvite', { expiresInHours: 24, maxUses: 1 });
    expect((await adminIpc('admin.listInvites', {})).invites.map((i) => i.id)).toContain(invite.id);

    const core = f.core();
    const ipc = ipcOf(core);
    const checked = await ipc('session.checkServer', { serverUrl: f.server.url });
    expect(checked.registration).toBe('invite');
    const account = (inviteCode?: string) => ({
      serverUrl: f.server.url,
      username: uniqueName('invited'),
      displayName: 'Invited',
      password: 'correct horse battery',
      ...(inviteCode === undefined ? {} : { inviteCode }),
    });
    await expect(ipc('session.register', account())).rejects.toMatchObject({ code: 'INVITE_REQUIRED' });
    await expect(ipc('session.register', account('WRONG-CODE-0000'))).rejects.toMatchObject({
      code: 'INVITE_INVALID',
    });
    const { me } = await ipc('session.register', account(invite.code));
    expect(me.isAdmin).toBe(false);
    const { invites } = await adminIpc('admin.listInvites', {});
    expect(invites.find((i) => i.id === invite.id)).toMatchObject({ uses: 1, usable: false });
    await adminIpc('admin.revokeInvite', { inviteId: invite.id });
    await adminIpc('admin.updateSettings', { registration: 'open' });
  });

  it('disabling a user signs their device out at once, with the reason, and refuses their login', async () => {
    const m = await member();
    const why = reasonOf(m.core);
    const { user } = await adminIpc('admin.disableUser', { userId: m.id });
    expect(user.disabled).toBe(true);
    expect(await why).toBe('account_disabled');
    expect((await m.ipc('session.state', {})).signedOutReason).toBe('account_disabled');
    await expect(
      m.ipc('session.login', {
        serverUrl: f.server.url,
        username: m.username,
        password: 'correct horse battery',
      }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });

    await adminIpc('admin.enableUser', { userId: m.id });
    const again = await m.ipc('session.login', {
      serverUrl: f.server.url,
      username: m.username,
      password: 'correct horse battery',
    });
    expect(again.passwordChangeRequired).toBe(false);
    await until(() => m.core.sync.connection === 'online', 15_000, 'online again');
  });

  it('a device that was offline while its account was disabled signs out when it comes back, saying why', async () => {
    const m = await member();
    m.core.sync.pauseNetwork();
    await adminIpc('admin.disableUser', { userId: m.id });
    const why = reasonOf(m.core);
    m.core.sync.resumeNetwork();
    expect(await why).toBe('ACCOUNT_DISABLED');
    expect(m.core.sync.connection).toBe('signed-out');
  });

  it('a device that was offline while its password was reset signs out when it comes back, saying so', async () => {
    const m = await member();
    m.core.sync.pauseNetwork();
    await adminIpc('admin.resetPassword', { userId: m.id });
    const why = reasonOf(m.core);
    m.core.sync.resumeNetwork();
    // Not "signed out from another device": the server tells why the session ended.
    expect(await why).toBe('password_reset');
    expect((await m.ipc('session.state', {})).signedOutReason).toBe('password_reset');
  });

  it('a reset password signs the user out, and the next login asks for a new one before anything else', async () => {
    const m = await member();
    const why = reasonOf(m.core);
    const { temporaryPassword, user } = await adminIpc('admin.resetPassword', { userId: m.id });
    expect(user.passwordChangeRequired).toBe(true);
    expect(await why).toBe('password_reset');

    const login = await m.ipc('session.login', {
      serverUrl: f.server.url,
      username: m.username,
      password: temporaryPassword,
    });
    expect(login.passwordChangeRequired).toBe(true);
    // Not signed in yet: no link, nothing stored.
    expect(m.core.sync.connection).toBe('signed-out');
    expect((await m.ipc('session.state', {})).me).toBeNull();
    await expect(m.ipc('session.setNewPassword', { newPassword: 'short' })).rejects.toThrow();

    const { me } = await m.ipc('session.setNewPassword', { newPassword: 'my own passphrase' });
    expect(me.id).toBe(m.id);
    await until(() => m.core.sync.connection === 'online', 15_000, 'online with the new password');
    const users = await adminIpc('admin.listUsers', { query: m.username });
    expect(users.users[0]).toMatchObject({ id: m.id, passwordChangeRequired: false, online: true });
  });

  it('giving up the new password ends the half-open login', async () => {
    const m = await member();
    const why = reasonOf(m.core);
    const { temporaryPassword } = await adminIpc('admin.resetPassword', { userId: m.id });
    await why;
    await m.ipc('session.login', {
      serverUrl: f.server.url,
      username: m.username,
      password: temporaryPassword,
    });
    await m.ipc('session.logout', {});
    await expect(m.ipc('session.setNewPassword', { newPassword: 'too late now' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // The temporary password still works: nothing was changed.
    const retry = await m.ipc('session.login', {
      serverUrl: f.server.url,
      username: m.username,
      password: temporaryPassword,
    });
    expect(retry.passwordChangeRequired).toBe(true);
  });

  it('tells every device the announcement, live and at connect', async () => {
    const m = await member();
    const heard: ServerInfo[] = [];
    m.core.on('server-info', (info) => heard.push(info));
    await adminIpc('admin.updateSettings', { announcement: 'Backups run tonight.', serverName: 'Team HQ' });
    await until(() => heard.some((i) => i.announcement === 'Backups run tonight.'), 10_000, 'the push');
    expect((await m.ipc('server.info', {})).info).toEqual({
      name: 'Team HQ',
      announcement: 'Backups run tonight.',
      registration: 'open',
    });
    // A device that connects later hears it when it connects.
    const late = await member();
    await until(() => late.core.sync.serverInfo?.name === 'Team HQ', 10_000, 'the info at connect');
    await adminIpc('admin.updateSettings', { announcement: '' });
  });

  it('messages past the retention period leave every cache as if recalled by the server', async () => {
    const m = await member();
    await befriend(admin, m.core, m.id);
    const { conversation } = await admin.sync.rpc('conversations.openDirect', { userId: m.id });
    const texts = async () =>
      (await m.ipc('conversations.timeline', { conversationId: conversation.id })).items.flatMap((i) => {
        if (i.kind !== 'message') return [];
        if (i.message.recalledBy === SYSTEM_USER_ID) return ['(expired)'];
        return [i.message.content?.kind === 'text' ? i.message.content.text : '?'];
      });
    await adminIpc('admin.updateSettings', { retentionDays: 30 });
    await adminIpc('messages.sendText', { conversationId: conversation.id, text: 'from last month' });
    await expect.poll(texts, { timeout: 10_000 }).toEqual(['from last month']);

    clockOffset += 31 * DAY;
    await adminIpc('messages.sendText', { conversationId: conversation.id, text: 'from today' });
    await expect.poll(texts, { timeout: 10_000 }).toEqual(['from last month', 'from today']);
    expect(await adminIpc('admin.runRetention', {})).toEqual({ expiredMessages: 1 });
    await expect.poll(texts, { timeout: 10_000 }).toEqual(['(expired)', 'from today']);
    await adminIpc('admin.updateSettings', { retentionDays: null });
  });
});

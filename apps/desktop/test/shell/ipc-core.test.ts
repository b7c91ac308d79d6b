import {
  type DiscoveredServer,
  type HostStatus,
  ipcContract,
  type IpcEventName,
  ipcEvents,
  type IpcHandlers,
  type Presence,
  type Transfer,
} from '@parley/shared';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import { FocusTracker } from '../../src/core/focus.js';
import { HostController } from '../../src/core/host/host-controller.js';
import { hostingPreference } from '../../src/core/host/hosting-preference.js';
import { dispatchIpc } from '../../src/core/ipc/dispatch.js';
import { forwardRendererEvents, type ShellOnlyEvent } from '../../src/core/ipc/events.js';
import { createIpcHandlers } from '../../src/core/ipc/handlers.js';
import { SettingsStore } from '../../src/core/settings/settings-store.js';
import { newCore, tempDir } from '../support/harness.js';
import { recordingShell } from '../support/ipc.js';

/*
 * The electron-free halves of the IPC path that the main process and the e2e harness share: the
 * dispatch behind the sender check, and which core event becomes which renderer event. No electron
 * double here: these must run under plain Node.
 */

let core: DesktopCore;
let settings: SettingsStore;
let handlers: IpcHandlers;

beforeEach(() => {
  core = newCore();
  settings = new SettingsStore(join(tempDir(), 'settings.json'));
  handlers = createIpcHandlers({
    core,
    settings,
    focus: new FocusTracker(() => undefined),
    shell: recordingShell(),
  });
});
afterEach(() => {
  core.close();
});

describe('dispatchIpc', () => {
  it('parses the request, runs the handler on the real core and wraps its answer', async () => {
    expect(await dispatchIpc('session.state', handlers, {})).toEqual({
      ok: true,
      data: {
        connection: 'signed-out',
        me: null,
        serverUrl: null,
        rememberLogin: true,
        signedOutReason: null,
      },
    });
    expect(await dispatchIpc('settings.set', handlers, { theme: 'dark' })).toMatchObject({
      ok: true,
      data: { theme: 'dark' },
    });
  });

  it('refuses a malformed request before any handler runs', async () => {
    const set = vi.spyOn(settings, 'update');
    const result = await dispatchIpc('settings.set', handlers, { theme: 'purple' });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST' } });
    expect(!result.ok && result.error.message.startsWith('settings.set: theme')).toBe(true);
    expect(set).not.toHaveBeenCalled();
  });

  it('keeps stable codes from a failing handler and calls anything else INTERNAL', async () => {
    // Signed out, the core has no server to ask.
    const result = await dispatchIpc('people.search', handlers, { query: 'ali' });
    expect(result).toMatchObject({ ok: false });
    console.log('CODE', JSON.stringify(result));
    expect(!result.ok && result.error.code).not.toBe('INTERNAL');

    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { ...handlers, 'app.badge': () => Promise.reject(new Error('disk on fire')) };
    expect(await dispatchIpc('app.badge', broken, {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'disk on fire' },
    });
    expect(spy).toHaveBeenCalledOnce();
  });
});

describe('forwardRendererEvents', () => {
  it('turns every core and settings event into its contract event, until stopped', () => {
    const sent: [IpcEventName, unknown][] = [];
    // A host controller that never launches anything here: only its events matter.
    const host = new HostController({
      launch: () => {
        throw new Error('not in this test');
      },
      dataDir: tempDir(),
      preference: hostingPreference(settings),
    });
    const stop = forwardRendererEvents({ core, settings, host }, (event, payload) => {
      sent.push([event, payload]);
    });
    const presence: Presence = { userId: crypto.randomUUID() as never, status: 'away', lastSeenAt: null };
    const transfer: Transfer = {
      id: crypto.randomUUID(),
      direction: 'upload',
      conversationId: crypto.randomUUID(),
      fileId: null,
      name: '季度报告.pdf',
      size: 1000,
      bytesDone: 400,
      state: 'active',
      error: null,
    };
    core.emit('connection', 'online');
    core.emit('changed', ['c1', 'c2']);
    core.emit('people-changed');
    core.emit('receipts-changed', 'c3');
    core.emit('typing', 'c4', 'u1');
    core.emit('presence', presence);
    core.emit('badge', 7);
    core.emit('signed-out', 'SESSION_REVOKED');
    core.emit('transfers', [transfer]);
    const info = { name: 'Acme 研发部', announcement: 'Restart at 18:00', registration: 'invite' } as const;
    core.emit('server-info', info);
    const found: DiscoveredServer = {
      id: 'ab'.repeat(16),
      name: '研发部',
      version: '0.1.0',
      protocolVersion: 1,
      addresses: ['192.168.1.20'],
      port: 7400,
      tls: false,
      fingerprint: null,
      url: 'http://192.168.1.20:7400',
      reachable: true,
    };
    core.discovery.emit('changed', [found]);
    const hosting: HostStatus = {
      state: 'running',
      name: 'Office',
      port: 7400,
      urls: ['http://192.168.1.20:7400'],
      localUrl: 'http://127.0.0.1:7400',
      connected: 2,
      fingerprint: null,
      error: null,
    };
    host.emit('changed', hosting);
    settings.update({ doNotDisturb: true });
    core.emit('notify', {
      kind: 'message',
      count: 1,
      conversationId: 'c1',
      messageId: 'm1',
      senderId: 'u1',
      mention: false,
    });

    const settingsNow = settings.get();
    expect(sent).toEqual([
      ['connection', { state: 'online' }],
      ['conversations.changed', { conversationIds: ['c1', 'c2'] }],
      ['people.changed', {}],
      ['receipts.changed', { conversationId: 'c3' }],
      ['typing', { conversationId: 'c4', userId: 'u1' }],
      ['presence', presence],
      ['badge', { count: 7 }],
      ['signed-out', { reason: 'SESSION_REVOKED' }],
      ['transfers.changed', { transfers: [transfer] }],
      ['server.changed', info],
      ['discovery.changed', { servers: [found] }],
      ['host.changed', hosting],
      ['settings.changed', settingsNow],
    ]);
    // Each payload is what the contract says the renderer receives.
    for (const [event, payload] of sent) {
      expect(ipcContract.events[event].safeParse(payload).success, event).toBe(true);
    }
    // Every contract event the shell does not raise itself is forwarded.
    const shellOnly: ShellOnlyEvent[] = ['notification.open'];
    expect(new Set(sent.map(([e]) => e))).toEqual(
      new Set(ipcEvents.filter((e) => !shellOnly.includes(e as never))),
    );

    stop();
    core.emit('connection', 'offline');
    settings.update({ doNotDisturb: false });
    host.emit('changed', { ...hosting, connected: 3 });
    expect(sent).toHaveLength(13);
    expect(core.listenerCount('connection')).toBe(0);
  });
});

import { defaultSettings, ipcEventChannel, type IpcResult } from '@parley/shared';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  app,
  dialog,
  double,
  fakeEvent,
  type FakeBrowserWindow,
  FakeUtilityProcess,
} from '../support/electron-double.js';
import { until } from '../support/harness.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { launch } = await import('../../src/main/app.js');
type Running = NonNullable<Awaited<ReturnType<typeof launch>>>;

/*
 * The shell's side of hosting, against the recorded Electron double: the utility process it forks
 * (the double answers like a host process unless a test answers itself), the tray while hosting,
 * and the questions before people are cut off. The controller itself runs a real server in
 * test/host.test.ts.
 */

let running: Running | null = null;

async function start(): Promise<{ p: Running; win: FakeBrowserWindow }> {
  running = await launch({ argv: [] });
  if (!running) throw new Error('did not start');
  return { p: running, win: double.windows[0]! };
}

/** Settings as a previous run left them. */
function savedSettings(hosting: { enabled: boolean; port: number; name: string | null }): void {
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ ...defaultSettings, hosting }));
}

const invoke = async (win: FakeBrowserWindow, channel: string, request: unknown = {}) =>
  (await double.invoke(channel, win.webContents.invokeEvent(), request)) as IpcResult<unknown>;

const sent = (win: FakeBrowserWindow, event: string) =>
  double
    .callsTo(`webContents#${win.webContents.id}`, 'send')
    .filter((c) => c.args[0] === ipcEventChannel(event as never))
    .map((c) => c.args[1]);

const trayItems = () => double.trays[0]!.menu!.items;
const trayItem = (id: string) => double.trays[0]!.menu!.item(id);

/** Starts hosting from the window, as Settings or the sign-in screen does. */
async function host(win: FakeBrowserWindow, name = 'Office'): Promise<FakeUtilityProcess> {
  expect(await invoke(win, 'host.start', { name })).toMatchObject({ ok: true, data: { state: 'running' } });
  return double.utilityProcesses.at(-1)!;
}

beforeEach(() => {
  double.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  app.emit('will-quit', fakeEvent());
  running = null;
  vi.restoreAllMocks();
});

describe('hosting from the app', () => {
  it('runs the server in a utility process from the host bundle, its data in <userData>/server', async () => {
    const { p, win } = await start();
    expect(double.utilityProcesses).toEqual([]);
    const proc = await host(win, '研发部');
    expect(proc.modulePath).toMatch(/out[\\/]main[\\/]host\.cjs$/);
    expect(proc.options).toMatchObject({ serviceName: 'Parley server' });
    expect(proc.received[0]).toMatchObject({
      type: 'start',
      dataDir: join(app.getPath('userData'), 'server'),
      port: 7400,
      serverName: '研发部',
    });
    expect(sent(win, 'host.changed')).toMatchObject([
      { state: 'starting' },
      { state: 'running', port: 7400 },
    ]);
    expect(p.settings.get().hosting).toEqual({ enabled: true, port: 7400, name: '研发部' });
  });

  it('starts again with the app when it was on, before the core resumes its session', async () => {
    savedSettings({ enabled: true, port: 7411, name: 'Office' });
    FakeUtilityProcess.respond = null;
    const { p } = await start();
    const resume = vi.spyOn(p.core, 'start');
    const proc = double.utilityProcesses[0]!;
    expect(proc.received).toMatchObject([{ type: 'start', port: 7411, serverName: 'Office' }]);
    await new Promise((r) => setImmediate(r));
    expect(resume).not.toHaveBeenCalled();
    proc.reply({ type: 'ready', port: 7411, urls: ['http://192.168.1.20:7411'], fingerprint: null });
    await until(() => resume.mock.calls.length === 1, 5_000, 'the session resumed');
    expect(p.host.status()).toMatchObject({ state: 'running', port: 7411 });
  });

  it('shows in the tray how many are connected and the addresses, in the app language', async () => {
    app.languages = ['zh-CN', 'en-US'];
    const { win } = await start();
    const proc = await host(win);
    expect(trayItem('hosting')).toMatchObject({ label: '正在本机托管 — 0 人在线', enabled: false });
    proc.reply({
      type: 'stats',
      connectedSockets: 3,
      urls: ['http://192.168.1.20:7400', 'http://10.0.0.5:7400'],
    });
    expect(trayItems().map((i) => i.label ?? i.type)).toEqual([
      '正在本机托管 — 3 人在线',
      'http://192.168.1.20:7400',
      'http://10.0.0.5:7400',
      '停止托管',
      'separator',
      '打开 Parley',
      '勿扰模式',
      'separator',
      '退出 Parley',
    ]);
    trayItem('hosting-address-1')!.click!({ checked: false });
    expect(double.clipboard).toEqual(['http://10.0.0.5:7400']);
    expect(sent(win, 'host.changed').at(-1)).toMatchObject({ connected: 3 });
  });

  it('asks before Stop Hosting cuts people off, and stops only when told to', async () => {
    const { p, win } = await start();
    const proc = await host(win);
    proc.reply({ type: 'stats', connectedSockets: 2, urls: ['http://192.168.1.20:7400'] });

    dialog.messageBoxAnswer = 1;
    trayItem('stop-hosting')!.click!({ checked: false });
    await until(() => double.callsTo('dialog', 'showMessageBox').length === 1, 5_000, 'asked');
    const [parent, box] = double.callsTo('dialog', 'showMessageBox')[0]!.args as [unknown, object];
    expect(parent).toBe(win);
    expect(box).toMatchObject({
      type: 'warning',
      title: 'Stop hosting?',
      message: '2 people will be cut off',
      buttons: ['Stop Hosting', 'Cancel'],
      cancelId: 1,
    });
    await new Promise((r) => setImmediate(r));
    expect(proc.received).toHaveLength(1);
    expect(p.host.status().state).toBe('running');

    dialog.messageBoxAnswer = 0;
    trayItem('stop-hosting')!.click!({ checked: false });
    await until(() => p.host.status().state === 'stopped', 5_000, 'stopped');
    expect(proc.received.at(-1)).toEqual({ type: 'stop' });
    expect(proc.killed).toBe(true);
    expect(p.settings.get().hosting.enabled).toBe(false);
    expect(trayItem('hosting')).toBeUndefined();
    expect(sent(win, 'host.changed').at(-1)).toMatchObject({ state: 'stopped', error: null });
  });

  it('stops with no question when nobody else is connected', async () => {
    const { p, win } = await start();
    await host(win);
    trayItem('stop-hosting')!.click!({ checked: false });
    await until(() => p.host.status().state === 'stopped', 5_000, 'stopped');
    expect(double.callsTo('dialog', 'showMessageBox')).toEqual([]);
  });

  it('asks before quitting cuts people off; quitting stops the server but hosting stays on', async () => {
    const { p, win } = await start();
    const proc = await host(win);
    proc.reply({ type: 'stats', connectedSockets: 1, urls: [] });

    dialog.messageBoxAnswer = 1;
    trayItem('quit')!.click!({ checked: false });
    await until(() => double.callsTo('dialog', 'showMessageBox').length === 1, 5_000, 'asked');
    expect(double.callsTo('dialog', 'showMessageBox')[0]!.args[1]).toMatchObject({
      title: 'Quit Parley?',
      message: '1 person will be cut off',
      buttons: ['Stop Hosting and Quit', 'Cancel'],
    });
    await new Promise((r) => setImmediate(r));
    expect(p.host.status().state).toBe('running');
    // The quit was called off: closing the window still keeps Parley in the tray.
    win.show();
    win.close();
    expect(win.destroyed).toBe(false);

    dialog.messageBoxAnswer = 0;
    trayItem('quit')!.click!({ checked: false });
    await until(() => double.callsTo('app', 'quit').length === 3, 5_000, 'quit again');
    expect(proc.received.at(-1)).toEqual({ type: 'stop' });
    expect(p.host.status().state).toBe('stopped');
    expect(p.settings.get().hosting).toEqual({ enabled: true, port: 7400, name: 'Office' });
    win.close();
    expect(win.destroyed).toBe(true);
  });

  it('reports a crash of the server process to the window and the tray; it can start again', async () => {
    const { p, win } = await start();
    const proc = await host(win);
    proc.exit(1);
    expect(sent(win, 'host.changed').at(-1)).toMatchObject({
      state: 'stopped',
      error: { reason: 'crashed', message: 'The server stopped unexpectedly (exit code 1).' },
    });
    expect(trayItem('hosting')).toBeUndefined();
    expect(await invoke(win, 'host.status')).toMatchObject({
      ok: true,
      data: { error: { reason: 'crashed' } },
    });
    await host(win);
    expect(double.utilityProcesses).toHaveLength(2);
    expect(p.host.status()).toMatchObject({ state: 'running', error: null });
  });
});

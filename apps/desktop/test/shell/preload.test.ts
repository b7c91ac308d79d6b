import { ipcChannels, ipcEventChannel, ipcEvents, type ParleyApi } from '@parley/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { double, ipcRenderer } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));

let api: ParleyApi;
beforeAll(async () => {
  double.reset();
  await import('../../src/preload/index.js');
  api = double.exposed('parley') as ParleyApi;
});

describe('the preload', () => {
  it('exposes one object, window.parley, through the context bridge', () => {
    const exposed = double.callsTo('contextBridge', 'exposeInMainWorld');
    expect(exposed.map((c) => c.args[0])).toEqual(['parley']);
    expect(api).toBeTypeOf('object');
  });

  it('has exactly one method per contract channel, plus on() and pathForFile()', () => {
    const methods: string[] = [];
    for (const [group, value] of Object.entries(api)) {
      if (group === 'on' || group === 'pathForFile') continue;
      for (const [name, fn] of Object.entries(value as Record<string, unknown>)) {
        expect(fn, `${group}.${name}`).toBeTypeOf('function');
        methods.push(`${group}.${name}`);
      }
    }
    expect(methods.sort()).toEqual([...ipcChannels].sort());
    expect(typeof api.on).toBe('function');
    expect(typeof api.pathForFile).toBe('function');
  });

  it('pathForFile gives the path Electron knows for a picked file, null for one that lives only in the page', () => {
    double.reset();
    const picked = Object.assign(new File(['x'], 'report.pdf'), { path: '/home/ada/report.pdf' });
    const pasted = new File(['x'], 'image.png');
    expect(api.pathForFile(picked)).toBe('/home/ada/report.pdf');
    expect(api.pathForFile(pasted)).toBeNull();
    // No IPC: it answers in the renderer.
    expect(double.callsTo('ipcRenderer', 'invoke')).toEqual([]);
    expect(double.callsTo('webUtils', 'getPathForFile')).toHaveLength(2);
  });

  it('sends files only from paths Electron gave for files the user picked or dropped', async () => {
    double.reset();
    const conversationId = crypto.randomUUID();
    const made = await api.files.send({
      conversationId,
      items: [{ source: { kind: 'path', path: '/home/ada/.ssh/id_ed25519' } }],
    });
    expect(made).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
    expect(double.callsTo('ipcRenderer', 'invoke')).toEqual([]);

    const picked = Object.assign(new File(['x'], 'plan.pdf'), { path: '/home/ada/plan.pdf' });
    const path = api.pathForFile(picked);
    expect(path).toBe('/home/ada/plan.pdf');
    const request = {
      conversationId,
      items: [
        { source: { kind: 'path' as const, path: '/home/ada/plan.pdf' } },
        { source: { kind: 'bytes' as const, name: 'a.txt', type: 'text/plain', data: new Uint8Array([1]) } },
      ],
    };
    await api.files.send(request);
    expect(double.callsTo('ipcRenderer', 'invoke').map((c) => c.args)).toEqual([['files.send', request]]);
    // One made-up path among picked ones refuses the whole call.
    double.reset();
    const mixed = await api.files.send({
      conversationId,
      items: [request.items[0]!, { source: { kind: 'path', path: '/etc/shadow' } }],
    });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
    expect(double.callsTo('ipcRenderer', 'invoke')).toEqual([]);
  });

  it('invokes the channel with the request, and {} when there is none', async () => {
    double.reset();
    const request = { conversationId: crypto.randomUUID(), text: 'hi' };
    await api.messages.sendText(request);
    await api.conversations.list();
    await api.settings.set({ theme: 'dark' });
    expect(double.callsTo('ipcRenderer', 'invoke').map((c) => c.args)).toEqual([
      ['messages.sendText', request],
      ['conversations.list', {}],
      ['settings.set', { theme: 'dark' }],
    ]);
  });

  it('on() delivers only the payload and returns a working unsubscribe', () => {
    for (const event of ipcEvents) {
      const channel = ipcEventChannel(event);
      const seen: unknown[] = [];
      const off = api.on(event, (payload) => seen.push(payload));
      expect(ipcRenderer.listenerCount(channel)).toBe(1);
      ipcRenderer.emit(channel, { sender: 'the IpcRendererEvent' }, { n: 1 });
      expect(seen).toEqual([{ n: 1 }]);
      off();
      expect(ipcRenderer.listenerCount(channel)).toBe(0);
      ipcRenderer.emit(channel, {}, { n: 2 });
      expect(seen).toEqual([{ n: 1 }]);
      off();
    }
  });

  it('keeps listeners apart: unsubscribing one leaves the others', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('badge', (p) => a.push(p.count));
    const offB = api.on('badge', (p) => b.push(p.count));
    offA();
    ipcRenderer.emit(ipcEventChannel('badge'), {}, { count: 3 });
    expect([a, b]).toEqual([[], [3]]);
    offB();
  });

  it('refuses to subscribe to an event outside the contract', () => {
    expect(() => api.on('ipc-anything' as never, () => undefined)).toThrow(/unknown Parley event/);
  });
});

import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, double, FakeBrowserWindow, shell } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { chooseSavePath, openFile, showInFolder } = await import('../../src/main/file-shell.js');
const { serveDevFileUrls } = await import('../../src/main/app-protocol.js');

beforeEach(() => {
  double.reset();
});

describe('files in the shell', () => {
  it('opens a file with the system app, and reports the reason when it cannot (IO)', async () => {
    await openFile('/cache/files/named/f/report.pdf');
    expect(double.callsTo('shell', 'openPath').map((c) => c.args[0])).toEqual([
      '/cache/files/named/f/report.pdf',
    ]);
    shell.openPathAnswer = 'No application knows how to open this file';
    await expect(openFile('/cache/x.unknown')).rejects.toMatchObject({
      code: 'IO',
      message: 'No application knows how to open this file',
    });
    showInFolder('/cache/files/named/f/report.pdf');
    expect(double.callsTo('shell', 'showItemInFolder').map((c) => c.args[0])).toEqual([
      '/cache/files/named/f/report.pdf',
    ]);
  });

  it('asks where to save in the Downloads folder, under a name safe for the disk, attached to our window', async () => {
    const win = new FakeBrowserWindow({});
    dialog.saveAnswer = { canceled: false, filePath: '/home/ada/Desktop/report.pdf' };
    expect(await chooseSavePath(win as never, '../季度报告:Q3.pdf')).toBe('/home/ada/Desktop/report.pdf');
    const [call] = double.callsTo('dialog', 'showSaveDialog');
    expect(call?.args).toEqual([win, { defaultPath: join(app.getPath('downloads'), '.._季度报告_Q3.pdf') }]);
    dialog.saveAnswer = { canceled: true, filePath: '' };
    expect(await chooseSavePath(null, 'a.txt')).toBeNull();
    expect(double.callsTo('dialog', 'showSaveDialog').at(-1)?.args).toHaveLength(1);
  });

  it('in development, answers the Vite origin file URLs from the core and passes everything else on', async () => {
    const seen: string[] = [];
    serveDevFileUrls('http://localhost:5173', (request) => {
      seen.push(request.pathname);
      return Promise.resolve(new Response(null, { status: 404 }));
    });
    const handler = double.protocolHandler('http')!;
    const id = crypto.randomUUID();
    expect((await handler(new Request(`http://localhost:5173/files/${id}/thumbnail`))).status).toBe(404);
    const page = await handler(new Request('http://localhost:5173/src/main.tsx'));
    expect(await page.text()).toBe('from the network');
    await handler(new Request(`http://elsewhere.example/files/${id}/thumbnail`));
    expect(seen).toEqual([`/files/${id}/thumbnail`]);
    expect(double.callsTo('net', 'fetch').map((c) => c.args)).toEqual([
      ['http://localhost:5173/src/main.tsx', { bypassCustomProtocolHandlers: true }],
      [`http://elsewhere.example/files/${id}/thumbnail`, { bypassCustomProtocolHandlers: true }],
    ]);
  });
});

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { shellText } from '../../src/core/i18n/shell-text.js';
import { double } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { ParleyTray, trayIconFile } = await import('../../src/main/tray.js');

const trayDir = resolve(import.meta.dirname, '..', '..', '..', '..', 'resources', 'tray');

function makeTray(platform: NodeJS.Platform, language: 'en' | 'zh-CN' = 'en') {
  let dnd = false;
  const events: string[] = [];
  const tray = new ParleyTray({
    text: () => shellText(language),
    doNotDisturb: () => dnd,
    setDoNotDisturb: (on) => {
      dnd = on;
      events.push(`dnd:${on}`);
    },
    open: () => events.push('open'),
    quit: () => events.push('quit'),
    icon: (file) => join(trayDir, file),
    platform,
  });
  return { tray, fake: double.trays.at(-1)!, events };
}

beforeEach(() => {
  double.reset();
});

describe('the tray', () => {
  it('has a menu: open, do-not-disturb (a checkbox), quit', () => {
    const { fake, events } = makeTray('linux');
    const items = fake.menu!.items;
    expect(items.map((i) => [i.id, i.label, i.type])).toEqual([
      ['open', 'Open Parley', undefined],
      ['do-not-disturb', 'Do Not Disturb', 'checkbox'],
      [undefined, undefined, 'separator'],
      ['quit', 'Quit Parley', undefined],
    ]);
    expect(fake.menu!.item('do-not-disturb')!.checked).toBe(false);
    fake.menu!.item('open')!.click!({ checked: false });
    fake.menu!.item('do-not-disturb')!.click!({ checked: true });
    fake.menu!.item('quit')!.click!({ checked: false });
    fake.emit('click');
    expect(events).toEqual(['open', 'dnd:true', 'quit', 'open']);
  });

  it('speaks Chinese when the app does, and shows do-not-disturb as it is after a refresh', () => {
    const { tray, fake } = makeTray('win32', 'zh-CN');
    expect(fake.menu!.items.map((i) => i.label).filter(Boolean)).toEqual([
      '打开 Parley',
      '勿扰模式',
      '退出 Parley',
    ]);
    fake.menu!.item('do-not-disturb')!.click!({ checked: true });
    tray.refresh();
    expect(fake.menu!.item('do-not-disturb')!.checked).toBe(true);
  });

  it('draws the unread count onto the tray icon on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      double.reset();
      const { tray, fake } = makeTray(platform);
      const shown: string[] = [];
      for (const n of [0, 1, 3, 9, 10, 250, 0]) {
        tray.setUnread(n);
        shown.push(fake.image.path.split(/[\\/]/).pop()!);
      }
      expect(shown).toEqual([
        'tray.png',
        'tray-1.png',
        'tray-3.png',
        'tray-9.png',
        'tray-9plus.png',
        'tray-9plus.png',
        'tray.png',
      ]);
      tray.setUnread(4);
      expect(fake.tooltip).toBe('Parley — 4 unread');
      const counts = double.callsTo('app', 'setBadgeCount').map((c) => c.args[0]);
      expect(counts).toEqual(platform === 'linux' ? [0, 1, 3, 9, 10, 250, 0, 4] : []);
      expect(double.callsTo('app.dock', 'setBadge')).toEqual([]);
    }
  });

  it('puts the count on the dock on macOS, with a template tray icon', () => {
    const { tray, fake } = makeTray('darwin');
    expect(fake.image.template).toBe(true);
    expect(fake.image.path).toMatch(/trayTemplate\.png$/);
    tray.setUnread(3);
    tray.setUnread(42);
    tray.setUnread(0);
    expect(double.callsTo('app.dock', 'setBadge').map((c) => c.args[0])).toEqual(['3', '9+', '']);
    expect(double.callsTo('Tray', 'setImage')).toEqual([]);
  });

  it('ships every icon it may ask for, at 1x and 2x', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (let n = 0; n <= 11; n++) {
        const file = trayIconFile(n, platform);
        expect(existsSync(join(trayDir, file)), file).toBe(true);
        expect(existsSync(join(trayDir, file.replace('.png', '@2x.png'))), file).toBe(true);
      }
    }
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { double, type FakeMenuItem } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { installAppMenu } = await import('../../src/main/app-menu.js');

const roles = (items: FakeMenuItem[] | undefined): string[] =>
  (items ?? []).flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu)]);

beforeEach(() => {
  double.reset();
});

describe('the application menu', () => {
  it('has the Edit roles, so copy, paste, undo and select-all work in the window', () => {
    installAppMenu({ isMac: false, isDev: false });
    const edit = double.applicationMenu!.items.find((i) => i.role === 'editMenu');
    expect(roles(edit?.submenu)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'delete',
      'selectAll',
    ]);
  });

  it('has zoom in, out and reset (with Ctrl+= as well), and no developer tools in a release', () => {
    installAppMenu({ isMac: false, isDev: false });
    const view = double.applicationMenu!.items.find((i) => i.role === 'viewMenu');
    expect(roles(view?.submenu)).toEqual(['resetZoom', 'zoomIn', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(view?.submenu?.find((i) => i.accelerator === 'CommandOrControl+=')).toMatchObject({
      visible: false,
    });
    expect(roles(double.applicationMenu!.items)).not.toContain('toggleDevTools');
  });

  it('adds reload and developer tools in development, and the app menu on macOS', () => {
    installAppMenu({ isMac: true, isDev: true });
    const all = roles(double.applicationMenu!.items);
    expect(all).toContain('toggleDevTools');
    expect(all).toContain('reload');
    expect(double.applicationMenu!.items[0]!.role).toBe('appMenu');
  });
});

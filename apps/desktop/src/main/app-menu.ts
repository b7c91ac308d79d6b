import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, built from roles so Electron localises the labels and the usual shortcuts
 * (copy, paste, undo, zoom…) work in the window. Developer tools only in development.
 */
export function appMenuTemplate(options: { isMac: boolean; isDev: boolean }): MenuItemConstructorOptions[] {
  const { isMac, isDev } = options;
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    {
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      role: 'viewMenu',
      submenu: [
        ...(isDev
          ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        // Ctrl+= as well as Ctrl+Plus, since Plus needs Shift on most keyboards.
        {
          role: 'zoomIn',
          accelerator: 'CommandOrControl+=',
          visible: false,
          acceleratorWorksWhenHidden: true,
        },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

export function installAppMenu(options: { isMac: boolean; isDev: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}

import type { HostStatus } from '@parley/shared';
import { app, clipboard, Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';
import type { ShellText } from '../core/i18n/shell-text.js';
import { badgeLabel } from '../core/notifications/badge-label.js';

export interface TrayDeps {
  text: () => ShellText;
  doNotDisturb: () => boolean;
  setDoNotDisturb: (on: boolean) => void;
  open: () => void;
  quit: () => void;
  /** A file under resources/tray/. */
  icon: (file: string) => string;
  /** The server this computer hosts, if the app can host. */
  hosting?: () => HostStatus;
  stopHosting?: () => void;
  platform?: NodeJS.Platform;
}

/** The tray icon's file for an unread count: pre-rendered with the number (see scripts/generate-icons.mjs). */
export function trayIconFile(count: number, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  const label = badgeLabel(count);
  return label === '' ? 'tray.png' : `tray-${label === '9+' ? '9plus' : label}.png`;
}

/**
 * The tray icon and its menu (while hosting: how many are connected, the addresses to give people
 * and Stop Hosting; then open, do-not-disturb, quit), and the unread badge: drawn onto the tray icon
 * on Windows and Linux, on the dock icon on macOS (whose tray icon is a template image).
 */
export class ParleyTray {
  private readonly tray: Tray;
  private readonly platform: NodeJS.Platform;
  private unread = 0;

  constructor(private readonly deps: TrayDeps) {
    this.platform = deps.platform ?? process.platform;
    this.tray = new Tray(this.image(0));
    this.tray.on('click', () => {
      deps.open();
    });
    this.refresh();
  }

  setUnread(count: number): void {
    this.unread = count;
    if (this.platform === 'darwin') {
      app.dock?.setBadge(badgeLabel(count));
    } else {
      this.tray.setImage(this.image(count));
      if (this.platform === 'linux') app.setBadgeCount(count);
    }
    this.tray.setToolTip(this.deps.text().trayTooltip(count));
  }

  /** Rebuilds the menu: after a language, do-not-disturb or hosting change. */
  refresh(): void {
    const text = this.deps.text();
    this.tray.setToolTip(text.trayTooltip(this.unread));
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        ...this.hostingItems(text),
        {
          id: 'open',
          label: text.trayOpen,
          click: () => {
            this.deps.open();
          },
        },
        {
          id: 'do-not-disturb',
          label: text.trayDoNotDisturb,
          type: 'checkbox',
          checked: this.deps.doNotDisturb(),
          click: (item) => {
            this.deps.setDoNotDisturb(item.checked);
          },
        },
        { type: 'separator' },
        {
          id: 'quit',
          label: text.trayQuit,
          click: () => {
            this.deps.quit();
          },
        },
      ]),
    );
  }

  /** While hosting: the state line, one line per address (a click copies it), Stop Hosting. */
  private hostingItems(text: ShellText): MenuItemConstructorOptions[] {
    const status = this.deps.hosting?.();
    if (status?.state !== 'running') return [];
    return [
      { id: 'hosting', label: text.trayHosting(status.connected), enabled: false },
      ...status.urls.map((url, i): MenuItemConstructorOptions => ({
        id: `hosting-address-${i}`,
        label: url,
        click: () => {
          clipboard.writeText(url);
        },
      })),
      {
        id: 'stop-hosting',
        label: text.stopHosting,
        click: () => {
          this.deps.stopHosting?.();
        },
      },
      { type: 'separator' },
    ];
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(count: number): Electron.NativeImage {
    const image = nativeImage.createFromPath(this.deps.icon(trayIconFile(count, this.platform)));
    if (this.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }
}

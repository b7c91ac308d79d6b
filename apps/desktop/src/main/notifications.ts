import type { Settings } from '@parley/shared';
import { Notification } from 'electron';
import type { NotifyRequest } from '../core/desktop-core.js';
import type { NotificationContent } from '../core/notifications/notification-content.js';

export interface MessageNotifierDeps {
  settings: () => Settings;
  content: (request: NotifyRequest, preview: boolean) => NotificationContent;
  /** The sender's avatar when there is one, else the app icon. */
  icon: (content: NotificationContent) => string | undefined;
  /** A click: show the window on this conversation. */
  open: (conversationId: string) => void;
}

/**
 * Native notifications for the messages the core's policy lets through, shaped by the user's
 * settings (off, no preview, no sound).
 */
export class MessageNotifier {
  // Electron drops a notification's click handler once the object is garbage-collected.
  private readonly live = new Set<Notification>();

  constructor(private readonly deps: MessageNotifierDeps) {}

  notify(request: NotifyRequest): void {
    const settings = this.deps.settings();
    if (!settings.notifications || !Notification.isSupported()) return;
    const content = this.deps.content(request, settings.notificationPreview);
    const icon = this.deps.icon(content);
    const n = new Notification({
      title: content.title,
      body: content.body,
      silent: !settings.notificationSound,
      ...(icon ? { icon } : {}),
    });
    this.live.add(n);
    n.on('click', () => {
      this.live.delete(n);
      this.deps.open(request.conversationId);
    });
    n.on('close', () => this.live.delete(n));
    n.show();
  }
}

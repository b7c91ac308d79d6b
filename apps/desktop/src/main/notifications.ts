import type { Settings } from '@parley/shared';
import { Notification } from 'electron';
import type { NotifyRequest } from '../core/desktop-core.js';
import type { NotificationContent } from '../core/notifications/notification-content.js';

export interface MessageNotifierDeps {
  settings: () => Settings;
  content: (request: NotifyRequest, preview: boolean) => NotificationContent;
  /** The sender's avatar when there is one, else the app icon. */
  icon: (content: NotificationContent) => string | undefined;
  /** A click: show the window, on this conversation (a summary has none: just the window). */
  open: (conversationId: string | null) => void;
}

/**
 * Native notifications for what the core lets through (its policy, then its coalescing: one per
 * message, a merged follow-up with a count, or a summary after a catch-up), shaped by the user's
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
      this.deps.open(request.kind === 'message' ? request.conversationId : null);
    });
    n.on('close', () => this.live.delete(n));
    n.show();
  }
}

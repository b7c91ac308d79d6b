import { defaultSettings, type Settings } from '@parley/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotifyRequest } from '../../src/core/desktop-core.js';
import { double, FakeNotification } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { MessageNotifier } = await import('../../src/main/notifications.js');

const request: NotifyRequest = {
  conversationId: 'c1',
  messageId: 'm1',
  senderId: 'u1',
  mention: false,
};

function notifier(settings: Partial<Settings>, avatar?: string) {
  const opened: string[] = [];
  const previews: boolean[] = [];
  const n = new MessageNotifier({
    settings: () => ({ ...defaultSettings, ...settings }),
    content: (_r, preview) => {
      previews.push(preview);
      return { title: 'Alice', body: preview ? 'lunch at 12?' : 'New message', avatarFileId: null };
    },
    icon: () => avatar,
    open: (id) => opened.push(id),
  });
  return { n, opened, previews };
}

beforeEach(() => {
  double.reset();
});

describe('message notifications', () => {
  it('show the sender and the text, with the avatar and sound', () => {
    const { n } = notifier({}, '/icons/alice.png');
    n.notify(request);
    expect(double.notifications.map((x) => [x.options, x.shown])).toEqual([
      [{ title: 'Alice', body: 'lunch at 12?', silent: false, icon: '/icons/alice.png' }, true],
    ]);
  });

  it('say only "New message" when previews are off, and are silent when sound is off', () => {
    const { n, previews } = notifier({ notificationPreview: false, notificationSound: false });
    n.notify(request);
    expect(previews).toEqual([false]);
    expect(double.notifications[0]!.options).toEqual({ title: 'Alice', body: 'New message', silent: true });
  });

  it('are not shown when turned off, or where the OS has none', () => {
    notifier({ notifications: false }).n.notify(request);
    FakeNotification.supported = false;
    notifier({}).n.notify(request);
    expect(double.notifications).toEqual([]);
  });

  it('open the conversation when clicked', () => {
    const { n, opened } = notifier({});
    n.notify(request);
    n.notify({ ...request, conversationId: 'c2' });
    double.notifications[1]!.emit('click');
    expect(opened).toEqual(['c2']);
  });
});

import { defaultSettings, type Settings } from '@parley/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotifyRequest } from '../../src/core/desktop-core.js';
import { double, FakeNotification } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { MessageNotifier } = await import('../../src/main/notifications.js');

const request: NotifyRequest = {
  kind: 'message',
  conversationId: 'c1',
  messageId: 'm1',
  senderId: 'u1',
  count: 1,
  mention: false,
};

function notifier(settings: Partial<Settings>, avatar?: string) {
  const opened: (string | null)[] = [];
  const previews: boolean[] = [];
  const n = new MessageNotifier({
    settings: () => ({ ...defaultSettings, ...settings }),
    content: (r, preview) => {
      previews.push(preview);
      if (r.kind === 'summary')
        return {
          title: 'Parley',
          body: `${r.messageCount} new messages in ${r.conversationIds.length} chats`,
          avatarFileId: null,
        };
      const count = r.count > 1 ? `[${r.count} messages] ` : '';
      return { title: 'Alice', body: preview ? `${count}lunch at 12?` : 'New message', avatarFileId: null };
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

  it('show a merged follow-up with its count, and it opens its conversation', () => {
    const { n, opened } = notifier({});
    n.notify({ ...request, messageId: 'm9', count: 9, mention: true });
    expect(double.notifications.map((x) => [x.options, x.shown])).toEqual([
      [{ title: 'Alice', body: '[9 messages] lunch at 12?', silent: false }, true],
    ]);
    double.notifications[0]!.emit('click');
    expect(opened).toEqual(['c1']);
  });

  it('show a summary after a catch-up; a click only brings the window forward', () => {
    const { n, opened } = notifier({ notificationSound: false });
    n.notify({
      kind: 'summary',
      conversationIds: ['c1', 'c2', 'c3', 'c4'],
      messageCount: 200,
      mention: false,
    });
    expect(double.notifications.map((x) => [x.options, x.shown])).toEqual([
      [{ title: 'Parley', body: '200 new messages in 4 chats', silent: true }, true],
    ]);
    double.notifications[0]!.emit('click');
    expect(opened).toEqual([null]);
  });
});

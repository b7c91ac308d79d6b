import type { TimelineItem } from '@parley/shared';
import { SYSTEM_USER_ID } from '@parley/shared/system';
import { systemPeople } from './system-text.js';

/** Everyone a run of timeline items names: senders, mentions, reactors, recallers, system events. */
export function peopleOf(items: readonly TimelineItem[]): string[] {
  const ids = new Set<string>();
  for (const i of items) {
    if (i.kind === 'system') {
      for (const id of systemPeople(i.event)) ids.add(id);
    } else if (i.kind === 'message') {
      const m = i.message;
      ids.add(m.senderId);
      // The server's own removals (retention) name no one.
      if (m.recalledBy && m.recalledBy !== SYSTEM_USER_ID) ids.add(m.recalledBy);
      if (m.content?.kind === 'text') for (const id of m.content.mentions ?? []) ids.add(id);
      for (const r of m.reactions) for (const id of r.userIds) ids.add(id);
    }
  }
  return [...ids];
}

import type { ConversationEvent, UserEvent } from '@parley/shared';
import type { Context } from './context.js';
import type { Hub } from './hub.js';

/**
 * Pushes collected while a write runs, sent only once it is committed, in the
 * order they were made. A write that fails sends nothing.
 */
export class Effects {
  private readonly list: ((hub: Hub) => void)[] = [];

  conversationEvent(memberIds: readonly string[], event: ConversationEvent): void {
    this.list.push((hub) => {
      hub.conversationEvent(memberIds, event);
    });
  }

  userEvent(userId: string, event: UserEvent): void {
    this.list.push((hub) => {
      hub.userEvent(userId, event);
    });
  }

  after(fn: (hub: Hub) => void): void {
    this.list.push(fn);
  }

  flush(hub: Hub): void {
    for (const fn of this.list) fn(hub);
  }
}

/** Runs `fn` in the next group commit, then sends what it collected. */
export async function commit<T>(ctx: Context, fn: (fx: Effects) => T): Promise<T> {
  const fx = new Effects();
  const value = await ctx.writes.write(() => fn(fx));
  fx.flush(ctx.hub);
  return value;
}

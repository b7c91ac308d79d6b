import { SYSTEM_USER_ID } from '@parley/shared';
import { commit } from '../../commit.js';
import type { Context } from '../../context.js';
import type { ConversationsStore } from '../conversations/conversations-store.js';
import type { FileMessages } from '../files/file-messages.js';
import type { MessagesStore } from '../messages/messages-store.js';
import type { Streams } from '../streams/streams.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Messages removed per write, so a first pass over a large history never holds the writer for long. */
const BATCH = 200;

/**
 * Message retention: messages older than the administrator's period are removed the way a recall
 * removes them, by the system actor (SYSTEM_USER_ID): the content, mentions and reactions are
 * deleted, the files they carried are let go (and deleted once no message carries them), and a
 * `message.recalled` event goes to each conversation's stream. Clients need nothing new to converge:
 * live devices get the events pushed, the others fetch them at their next catch-up, and every
 * older event about the message is served with the emptied snapshot.
 */
export class Retention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);
  private closed = false;

  constructor(
    private readonly ctx: Context,
    private readonly deps: {
      retentionDays: () => number | null;
      messages: MessagesStore;
      conversations: ConversationsStore;
      streams: Streams;
      files: FileMessages;
    },
  ) {}

  /** Runs a pass now (a server that was off catches up at once), then every retentionSweepIntervalMs. */
  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), this.ctx.config.retentionSweepIntervalMs);
    this.timer.unref();
  }

  /** One pass, after any pass already running; resolves with how many messages it removed. */
  run(): Promise<number> {
    const pass = this.running.then(() => this.pass());
    this.running = pass.catch((err: unknown) => {
      this.ctx.log.error('retention failed', { err: String(err) });
      return 0;
    });
    return pass;
  }

  /** Stops the timer; resolves when a pass that is running has finished. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<number> {
    const days = this.deps.retentionDays();
    if (days === null) return 0;
    const cutoff = this.ctx.now() - days * DAY_MS;
    let removed = 0;
    for (;;) {
      if (this.closed) break;
      const n = await commit(this.ctx, (fx) => {
        const rows = this.deps.messages.liveBefore(cutoff, BATCH);
        const members = new Map<string, string[]>();
        const now = this.ctx.now();
        for (const row of rows) {
          let memberIds = members.get(row.conversation_id);
          if (!memberIds) {
            memberIds = this.deps.conversations.memberIds(row.conversation_id);
            members.set(row.conversation_id, memberIds);
          }
          this.deps.messages.recall(row.id, SYSTEM_USER_ID, now);
          this.deps.files.release(fx, row.id);
          this.deps.streams.appendConversation(fx, memberIds, {
            conversationId: row.conversation_id,
            type: 'message.recalled',
            actorId: SYSTEM_USER_ID,
            messageId: row.id,
            data: {},
          });
        }
        return rows.length;
      });
      removed += n;
      if (n < BATCH) break;
    }
    if (removed > 0) this.ctx.log.info('retention removed messages', { count: removed, days });
    return removed;
  }
}

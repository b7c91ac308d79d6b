import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Messages cached for the insert, open-conversation and search runs. */
  messages: number;
  conversations: number;
  /** Messages sent while the desktop is offline, then caught up; 0 skips that run. */
  catchUp: number;
  /** Search queries of each kind (7 kinds), run across all conversations and again within one. */
  queries: number;
  /** Messages per transaction. */
  batch: number;
  /** Sends in flight while the other account floods the conversation. */
  concurrency: number;
}

const HELP = `npm run bench:desktop -- [--messages 1000000] [--conversations 200] [--catch-up 100000]
                             [--queries 40] [--batch 1000] [--concurrency 64]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '1000000' },
      conversations: { type: 'string', default: '200' },
      'catch-up': { type: 'string', default: '100000' },
      queries: { type: 'string', default: '40' },
      batch: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '64' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const count = (name: string, value: string, min: number): number => {
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}\n${HELP}`);
    return n;
  };
  return {
    messages: count('messages', values.messages, 1000),
    conversations: count('conversations', values.conversations, 1),
    catchUp: count('catch-up', values['catch-up'], 0),
    queries: count('queries', values.queries, 1),
    batch: count('batch', values.batch, 1),
    concurrency: count('concurrency', values.concurrency, 1),
  };
}

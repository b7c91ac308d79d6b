import { parseArgs } from 'node:util';

export type HistorySource = 'cache' | 'server';

export interface UiBenchOptions {
  /** Messages in the long conversation. */
  messages: number;
  /** Messages in the baseline conversation (same content shape). */
  baseline: number;
  /** Older pages to load by reaching the top of the list, one at a time. */
  pages: number;
  /** Times each conversation is opened from a fresh window, for the open figures. */
  opens: number;
  /** Speed of the steady scroll, px/s. */
  speed: number;
  /** Duration of each steady scroll, s. */
  scrollSeconds: number;
  /** Where older pages come from: the device's cache, or the server through the core. */
  history: HistorySource[];
  /** Rows of the naive (non-virtualised) list; 0 skips it. */
  naive: number;
  /** Sends in flight while seeding. */
  concurrency: number;
  /** Also print every run's figures as JSON. */
  json: boolean;
}

const HELP = `npm run bench:ui -- [--messages 100000] [--baseline 1000] [--pages 40] [--opens 5]
                        [--speed 3000] [--scroll-seconds 6] [--history both|cache|server]
                        [--naive 2000] [--concurrency 64] [--json]`;

export function parseUiOptions(argv: string[]): UiBenchOptions {
  const { values } = parseArgs({
    // `npm run bench:ui -- -- --pages 5` (the server bench's form) leaves a `--` here.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      messages: { type: 'string', default: '100000' },
      baseline: { type: 'string', default: '1000' },
      pages: { type: 'string', default: '40' },
      opens: { type: 'string', default: '5' },
      speed: { type: 'string', default: '3000' },
      'scroll-seconds': { type: 'string', default: '6' },
      history: { type: 'string', default: 'both' },
      naive: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '64' },
      json: { type: 'boolean', default: false },
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
  const history = values.history;
  if (history !== 'both' && history !== 'cache' && history !== 'server')
    throw new Error(`--history must be both, cache or server\n${HELP}`);
  return {
    messages: count('messages', values.messages, 2),
    baseline: count('baseline', values.baseline, 2),
    pages: count('pages', values.pages, 1),
    opens: count('opens', values.opens, 1),
    speed: count('speed', values.speed, 1),
    scrollSeconds: count('scroll-seconds', values['scroll-seconds'], 1),
    history: history === 'both' ? ['cache', 'server'] : [history],
    naive: count('naive', values.naive, 0),
    concurrency: count('concurrency', values.concurrency, 1),
    json: values.json,
  };
}

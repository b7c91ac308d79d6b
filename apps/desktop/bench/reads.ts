import type { DesktopCore } from '../src/core/desktop-core.js';
import { queries, random } from './data.js';
import type { BenchOptions } from './options.js';
import { cast } from './rows.js';
import { summarize, type Summary, timed } from './stats.js';

/** Opening a conversation: its newest 50 timeline items, from the cache. */
export function openConversation(core: DesktopCore, options: BenchOptions, samples = 500): Summary {
  const ids = cast(options.conversations).conversations.map((c) => c.id);
  const rnd = random(5);
  const pick = () => ids[Math.floor(rnd() * ids.length)] ?? '';
  for (let i = 0; i < 20; i++) core.timeline(pick());
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const id = pick();
    times.push(timed(() => core.timeline(id, { limit: 50 })));
  }
  return summarize(times);
}

export interface SearchRun {
  kind: string;
  scope: 'all' | 'one';
  summary: Summary;
  /** Average results on the first page (of 20). */
  found: number;
}

/** Every query kind, across all conversations and within a random one, first page of 20 each. */
export function searchRuns(core: DesktopCore, options: BenchOptions): { runs: SearchRun[]; all: Summary } {
  const ids = cast(options.conversations).conversations.map((c) => c.id);
  const list = queries(random(7), options.queries);
  const rnd = random(9);
  for (const q of queries(random(8), 3)) core.search(q.query);
  const samples = new Map<string, { times: number[]; found: number }>();
  const every: number[] = [];
  for (const scope of ['all', 'one'] as const) {
    for (const q of list) {
      const conversationId = scope === 'one' ? ids[Math.floor(rnd() * ids.length)] : undefined;
      let found = 0;
      const t = timed(() => {
        found = core.search(q.query, { limit: 20, ...(conversationId ? { conversationId } : {}) }).results
          .length;
      });
      const key = `${q.kind}\u0000${scope}`;
      const entry = samples.get(key) ?? { times: [], found: 0 };
      entry.times.push(t);
      entry.found += found;
      samples.set(key, entry);
      every.push(t);
    }
  }
  const runs = [...samples].map(([key, { times, found }]): SearchRun => {
    const [kind = '', scope = 'all'] = key.split('\u0000');
    return { kind, scope: scope as 'all' | 'one', summary: summarize(times), found: found / times.length };
  });
  return { runs, all: summarize(every) };
}

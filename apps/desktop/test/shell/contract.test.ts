import {
  type ConnectionState as IpcConnectionState,
  type ConversationSummary as IpcConversationSummary,
  ipcChannels,
  ipcContract,
  ipcEvents,
  type OutboxEntry as IpcOutboxEntry,
  type ParleyApi,
  type Receipt as IpcReceipt,
  type SearchResult as IpcSearchResult,
  type SystemEvent as IpcSystemEvent,
  type TimelineItem as IpcTimelineItem,
  type TimelinePage as IpcTimelinePage,
} from '@parley/shared';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LabelledHit } from '../../src/core/search/labels.js';
import type { ConnectionState } from '../../src/core/sync/sync-engine.js';
import type {
  ConversationSummary,
  OutboxEntry,
  Receipt,
  SystemEvent,
  TimelineItem,
  TimelinePage,
} from '../../src/core/types.js';

describe('the IPC contract', () => {
  it('lists every channel and event once, with the names the preload uses', () => {
    expect(Object.keys(ipcContract.channels).sort()).toEqual([...ipcChannels].sort());
    expect(Object.keys(ipcContract.events).sort()).toEqual([...ipcEvents].sort());
    expect(new Set(ipcChannels).size).toBe(ipcChannels.length);
    for (const channel of ipcChannels) expect(channel).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('describes the cache data exactly as the desktop core produces it', () => {
    // Checked by the type checker (npm run typecheck): the shapes must stay identical both ways.
    expectTypeOf<ConversationSummary>().toEqualTypeOf<IpcConversationSummary>();
    expectTypeOf<OutboxEntry>().toEqualTypeOf<IpcOutboxEntry>();
    expectTypeOf<SystemEvent>().toEqualTypeOf<IpcSystemEvent>();
    expectTypeOf<TimelineItem>().toEqualTypeOf<IpcTimelineItem>();
    expectTypeOf<TimelinePage>().toEqualTypeOf<IpcTimelinePage>();
    expectTypeOf<ConnectionState>().toEqualTypeOf<IpcConnectionState>();
    expectTypeOf<LabelledHit>().toEqualTypeOf<IpcSearchResult>();
    expectTypeOf<Receipt>().toEqualTypeOf<IpcReceipt>();
  });

  it('gives the renderer a typed method per channel', () => {
    expectTypeOf<ParleyApi['conversations']['list']>()
      .parameter(0)
      .toEqualTypeOf<Record<string, never> | undefined>();
    expectTypeOf<ParleyApi['messages']['sendText']>()
      .parameter(0)
      .toHaveProperty('text')
      .toEqualTypeOf<string>();
    expectTypeOf<ParleyApi['on']>().returns.toEqualTypeOf<() => void>();
  });
});

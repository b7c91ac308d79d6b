import type { Conversation, Message } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RANK_WINDOW, type SearchHit } from '../src/core/search/search-index.js';
import { LocalStore } from '../src/core/store/local-store.js';
import { newCore, tempDir } from './support/harness.js';

let dir: string;
let store: LocalStore;
let clock: number;
const seqs = new Map<string, number>();

beforeEach(() => {
  dir = tempDir();
  store = LocalStore.open(dir);
  clock = 1_700_000_000_000;
  seqs.clear();
});
afterEach(() => {
  store.close();
});

const A = randomUUID();
const B = randomUUID();

/** Caches a new text message in `conversationId` and returns it. */
function say(conversationId: string, text: string, createdAt = (clock += 1000)): Message {
  const seq = (seqs.get(conversationId) ?? 0) + 1;
  seqs.set(conversationId, seq);
  const m = {
    id: randomUUID(),
    conversationId,
    seq,
    senderId: randomUUID(),
    clientMsgId: randomUUID(),
    content: { kind: 'text', text },
    createdAt,
    editedAt: null,
    recalledAt: null,
    recalledBy: null,
    reactions: [],
  } as unknown as Message;
  store.messages.upsert(m, seq);
  return m;
}

const search = (query: string, options: Parameters<LocalStore['search']['search']>[1] = {}) =>
  store.search.search(query, options);
const texts = (query: string, conversationId?: string) =>
  search(query, { limit: 200, ...(conversationId ? { conversationId } : {}) })
    .results.map((r) => r.text)
    .sort();
const marked = (hit: SearchHit) => hit.highlights.map((h) => hit.text.slice(h.start, h.end));

describe('search over the local cache', () => {
  it('finds English words and word prefixes, whatever the case', () => {
    say(A, 'Release notes for Parley');
    say(A, 'the RELEASED build is out');
    say(A, 'that is irrelevant');

    expect(texts('release')).toEqual(['Release notes for Parley', 'the RELEASED build is out']);
    expect(texts('REL')).toEqual(texts('release'));
    expect(texts('released')).toEqual(['the RELEASED build is out']);
    expect(texts('notes parley')).toEqual(['Release notes for Parley']);
    expect(texts('notes build')).toEqual([]);
    // Prefixes only: the middle of a word is not a match.
    expect(texts('elease')).toEqual([]);
  });

  it('folds accents and compatibility forms both ways', () => {
    say(A, 'Un café avec ＡＢＣ');
    expect(texts('cafe')).toEqual(['Un café avec ＡＢＣ']);
    expect(texts('CAFÉ')).toEqual(['Un café avec ＡＢＣ']);
    expect(texts('abc')).toEqual(['Un café avec ＡＢＣ']);
    expect(marked(search('cafe').results[0]!)).toEqual(['café']);
  });

  it('finds Chinese queries of 1, 2 and 4 characters, the longer ones only where they occur as typed', () => {
    say(A, '我们明天发布新版本');
    say(A, '你好世界');
    say(A, '你好，世界');
    say(A, '世界你好');
    say(A, '你好世 and 世界');

    expect(texts('发')).toEqual(['我们明天发布新版本']);
    expect(texts('你')).toEqual(['世界你好', '你好世 and 世界', '你好世界', '你好，世界']);
    expect(texts('发布')).toEqual(['我们明天发布新版本']);
    expect(texts('世界')).toEqual(['世界你好', '你好世 and 世界', '你好世界', '你好，世界']);
    expect(texts('你好世界')).toEqual(['你好世界']);
    expect(texts('明天发布')).toEqual(['我们明天发布新版本']);
    expect(texts('天发布新')).toEqual(['我们明天发布新版本']);
    expect(texts('发布明天')).toEqual([]);
    expect(texts('好世')).toEqual(['你好世 and 世界', '你好世界']);
  });

  it('finds Japanese and Korean by characters and pairs too', () => {
    say(A, 'カタカナのテスト');
    say(A, '한국어 텍스트입니다');
    expect(texts('テスト')).toEqual(['カタカナのテスト']);
    expect(texts('カナ')).toEqual(['カタカナのテスト']);
    expect(texts('텍스트')).toEqual(['한국어 텍스트입니다']);
    expect(texts('국')).toEqual(['한국어 텍스트입니다']);
  });

  it('matches mixed queries only where every part occurs', () => {
    say(A, 'Parley 发布会定在周五');
    say(A, 'parley is a chat app');
    say(A, '发布会 is on Friday');
    say(A, 'Parley发布会 without a space');

    expect(texts('Parley 发布会')).toEqual(['Parley 发布会定在周五', 'Parley发布会 without a space']);
    expect(texts('发布会 friday')).toEqual(['发布会 is on Friday']);
  });

  it('searches within one conversation or across all of them', () => {
    say(A, 'budget review in A');
    say(B, 'budget review in B');
    say(B, 'something else');

    expect(texts('budget')).toEqual(['budget review in A', 'budget review in B']);
    expect(texts('budget', A)).toEqual(['budget review in A']);
    expect(texts('budget', B)).toEqual(['budget review in B']);
    expect(texts('budget', randomUUID())).toEqual([]);
    const hit = search('budget', { conversationId: B }).results[0];
    expect(hit).toMatchObject({ conversationId: B, seq: 1 });
  });

  it('forgets recalled and locally deleted messages and follows edits', () => {
    const recalled = say(A, 'secret plan alpha');
    const edited = say(A, 'meet at noon');
    const deleted = say(A, 'delete me later');
    expect(texts('secret')).toHaveLength(1);

    store.messages.upsert(
      { ...recalled, content: null, recalledAt: clock, recalledBy: recalled.senderId },
      10,
    );
    expect(texts('secret')).toEqual([]);

    store.messages.upsert(
      { ...edited, content: { kind: 'text', text: 'meet at 午饭 time' }, editedAt: clock },
      11,
    );
    expect(texts('noon')).toEqual([]);
    expect(texts('午饭')).toEqual(['meet at 午饭 time']);
    expect(texts('meet')).toEqual(['meet at 午饭 time']);

    store.messages.deleteLocally(deleted.id);
    expect(texts('delete')).toEqual([]);

    // A reaction leaves the text as it was: still one result.
    store.messages.upsert(
      { ...edited, content: { kind: 'text', text: 'meet at 午饭 time' }, reactions: [] },
      12,
    );
    expect(texts('meet')).toEqual(['meet at 午饭 time']);
  });

  it('keeps messages of the same millisecond apart', () => {
    const at = clock + 5;
    const first = say(A, 'same moment one', at);
    say(B, 'same moment two', at);
    say(A, 'same moment three', at);
    expect(texts('moment')).toHaveLength(3);

    store.messages.upsert({ ...first, content: null, recalledAt: at, recalledBy: first.senderId }, 20);
    expect(texts('moment')).toEqual(['same moment three', 'same moment two']);
    say(B, 'same moment four', at);
    expect(texts('moment')).toEqual(['same moment four', 'same moment three', 'same moment two']);
  });

  it('highlights the matched characters, counting UTF-16 units past emoji', () => {
    say(A, '👍🏽 Hello 你好世界 and héllo again, 𠀀你好');
    const hello = search('hel').results[0]!;
    expect(hello.highlights).toEqual([
      { start: 5, end: 8 },
      { start: 20, end: 23 },
    ]);
    expect(marked(hello)).toEqual(['Hel', 'hél']);
    expect(marked(search('hello').results[0]!)).toEqual(['Hello', 'héllo']);
    expect(marked(search('你好').results[0]!)).toEqual(['你好', '你好']);
    expect(marked(search('你好世界').results[0]!)).toEqual(['你好世界']);
    expect(marked(search('𠀀你').results[0]!)).toEqual(['𠀀你']);
    expect(marked(search('again 世界').results[0]!)).toEqual(['世界', 'again']);
  });

  it('ranks better matches first, and equal ones newest first', () => {
    const long = say(A, 'deploy the server after the long review of every single change we made this week');
    const old = say(A, 'deploy today');
    const recent = say(A, 'deploy today');
    const ids = search('deploy').results.map((r) => r.messageId);
    expect(ids).toEqual([recent.id, old.id, long.id]);
    const ranks = search('deploy').results.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('pages through results with offset and limit', () => {
    for (let i = 0; i < 45; i++) say(i % 2 ? A : B, `standup note ${i}`);
    const first = search('standup', { limit: 20 });
    expect(first.results).toHaveLength(20);
    expect(first.hasMore).toBe(true);
    const last = search('standup', { limit: 20, offset: 40 });
    expect(last.results).toHaveLength(5);
    expect(last.hasMore).toBe(false);
    const exact = search('standup', { limit: 5, offset: 40 });
    expect(exact.hasMore).toBe(false);

    const seen = new Set<string>();
    for (let offset = 0; ; offset += 20) {
      const page = search('standup', { limit: 20, offset });
      for (const r of page.results) seen.add(r.messageId);
      if (!page.hasMore) break;
    }
    expect(seen.size).toBe(45);
    expect(search('standup', { limit: 20, offset: 100 })).toEqual({ results: [], hasMore: false });
  });

  it('pages across ranking windows without losing or repeating a result', () => {
    const total = RANK_WINDOW + 150;
    store.tx(() => {
      for (let i = 0; i < total; i++) say(A, i % 3 ? `ticket ${i}` : `ticket ${i} with a longer text`);
    });
    const seen: string[] = [];
    let pages = 0;
    for (let offset = 0; ; offset += 70) {
      const page = search('ticket', { limit: 70, offset });
      seen.push(...page.results.map((r) => r.messageId));
      pages += 1;
      if (!page.hasMore) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 70));
    // The newest window comes first, ranked within itself.
    const top = search('ticket', { limit: 5 }).results;
    expect(top.every((r) => !r.text.includes('longer'))).toBe(true);
  });

  it('treats every query as words to find, never as FTS5 syntax', () => {
    say(A, 'quarterly planning');
    say(A, '季度计划');
    const hostile = [
      '"',
      '""',
      'AND',
      'OR',
      'NOT',
      '*',
      'NEAR(',
      'NEAR(a b, 2)',
      '-',
      ':',
      '^',
      '(',
      ')',
      '{tokens}:x',
      'tokens : quarterly OR x',
      '"unterminated',
      "'; DROP TABLE messages; --",
      '',
      '   \n\t ',
      '🙂🎉',
      '\u0000',
      'x'.repeat(10_000),
      '季'.repeat(5_000),
    ];
    for (const q of hostile) {
      expect(() => search(q), q.slice(0, 20)).not.toThrow();
      expect(search(q).results, q.slice(0, 20)).toEqual([]);
    }
    // Syntax characters around real words are just separators.
    expect(texts('"quarterly"')).toEqual(['quarterly planning']);
    expect(texts('quarterly*')).toEqual(['quarterly planning']);
    expect(texts('quarterly AND')).toEqual([]);
    expect(texts('(季度')).toEqual(['季度计划']);
    // The conversation column cannot be reached from a query.
    expect(texts(`c${A.replaceAll('-', '')}`)).toEqual([]);
    expect(store.messages.allOf(A)).toHaveLength(2);
  });

  it('gives DesktopCore results with the sender name and the conversation title', () => {
    const sender = say(A, 'launch checklist').senderId;
    say(B, 'launch party');
    const ada = {
      id: sender,
      username: 'ada',
      displayName: 'Ada',
      bio: '',
      avatarFileId: null,
      createdAt: 1,
    };
    store.users.upsert(ada);
    store.conversations.upsert({
      id: A,
      kind: 'group',
      name: 'Release crew',
      createdAt: 1,
      createdBy: sender,
      lastSeq: 1,
      dissolvedAt: null,
      memberLimit: 500,
      members: [],
      readSeq: 0,
      unreadCount: 0,
      mentioned: false,
      muted: false,
      pinned: false,
      lastMessage: null,
    } as unknown as Conversation);
    store.close();

    const core = newCore(dir);
    try {
      const page = core.search('launch', { conversationId: A });
      expect(page.hasMore).toBe(false);
      expect(page.results).toEqual([
        expect.objectContaining({
          text: 'launch checklist',
          senderName: 'Ada',
          conversationTitle: 'Release crew',
          highlights: [{ start: 0, end: 6 }],
        }),
      ]);
      // What the cache knows nothing about is left blank, not guessed.
      expect(core.search('party').results).toEqual([
        expect.objectContaining({ conversationId: B, senderName: '', conversationTitle: '' }),
      ]);
    } finally {
      core.close();
      store = LocalStore.open(dir);
    }
  });
});

import type { ConversationSummary } from '@parley/shared';
import { fold, matchRank } from './text-match.js';

/**
 * The conversations the quick switcher offers for what was typed: titles that start with it, then
 * titles with a word that does, then titles containing it; the most recent first within each.
 * With nothing typed, every conversation, most recent first.
 */
export function switcherMatches(
  query: string,
  conversations: readonly ConversationSummary[],
  limit = 50,
): ConversationSummary[] {
  const q = fold(query.trim());
  return conversations
    .flatMap((c) => {
      const rank = matchRank(c.title, q);
      return rank === null ? [] : [{ c, rank }];
    })
    .sort((a, b) => a.rank - b.rank || b.c.lastActivityAt - a.c.lastActivityAt)
    .slice(0, limit)
    .map((m) => m.c);
}

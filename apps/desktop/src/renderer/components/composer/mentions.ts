/** Someone the composer can @mention. */
export interface MentionCandidate {
  userId: string;
  displayName: string;
  username: string;
}

/** The "@query" being typed at the caret, if any: where its "@" is and what follows it. */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  const query = before.slice(at + 1);
  if (/\s/u.test(query) || query.length > 32) return null;
  // "bob@example" is an address, not a mention; after Chinese text "@" starts one (你好@张伟).
  if (at > 0 && /[A-Za-z0-9_.]/.test(before.charAt(at - 1))) return null;
  return { start: at, query };
}

/**
 * The members matching what follows "@": names starting with it first, then usernames or a word
 * of the name starting with it, then names and usernames containing it; alphabetical within each.
 */
export function matchMentions(
  candidates: readonly MentionCandidate[],
  query: string,
  limit = 8,
): MentionCandidate[] {
  const q = query.toLocaleLowerCase();
  const rank = (c: MentionCandidate): number => {
    const name = c.displayName.toLocaleLowerCase();
    const user = c.username.toLocaleLowerCase();
    if (name.startsWith(q)) return 0;
    if (user.startsWith(q) || name.split(/\s+/u).some((w) => w.startsWith(q))) return 1;
    if (name.includes(q) || user.includes(q)) return 2;
    return -1;
  };
  return candidates
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.c.displayName.localeCompare(b.c.displayName))
    .slice(0, limit)
    .map((x) => x.c);
}

/** Replaces the "@query" between `start` and `caret` with "@Name " and returns the caret after it. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/**
 * The people picked from the autocomplete whose "@Name" is still in the text when it is sent
 * (the user may have deleted some), and whether an "@everyone" word is.
 */
export function mentionsInText(
  text: string,
  picked: ReadonlyMap<string, string>,
  everyone: readonly string[],
): { mentions: string[]; mentionsAll: boolean } {
  const mentions = [...picked].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
  const mentionsAll = everyone.some((w) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_.])@${escapeRegExp(w)}(?![A-Za-z0-9_])`, 'u').test(text),
  );
  return { mentions, mentionsAll };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

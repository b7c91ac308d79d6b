const storageKey = 'parley.recentEmoji';
export const recentMax = 24;

/** The list after using `emoji`: it moves to the front, the oldest fall off. */
export function withRecent(list: readonly string[], emoji: string, max = recentMax): string[] {
  return [emoji, ...list.filter((e) => e !== emoji)].slice(0, max);
}

/** The emoji this device used lately, newest first. */
export function loadRecentEmoji(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(raw)
      ? raw.filter((e): e is string => typeof e === 'string').slice(0, recentMax)
      : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string): string[] {
  const next = withRecent(loadRecentEmoji(), emoji);
  try {
    localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Storage full or unavailable: the recent list is a convenience.
  }
  return next;
}

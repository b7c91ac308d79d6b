/** One emoji as the picker knows it, in one language. */
export interface EmojiEntry {
  emoji: string;
  label: string;
  tags: readonly string[];
  /** emojibase's group number (0 smileys … 9 flags). */
  group: number;
  order: number;
}

/** The groups the picker shows as categories, in order ("component", the skin tone swatches, is left out). */
export const emojiCategories = [
  { group: 0, key: 'smileys' },
  { group: 1, key: 'people' },
  { group: 3, key: 'nature' },
  { group: 4, key: 'food' },
  { group: 5, key: 'travel' },
  { group: 6, key: 'activities' },
  { group: 7, key: 'objects' },
  { group: 8, key: 'symbols' },
  { group: 9, key: 'flags' },
] as const;

export type EmojiCategoryKey = (typeof emojiCategories)[number]['key'];

/** The fields of emojibase's compact data that the picker reads. */
export interface CompactEmoji {
  unicode: string;
  label: string;
  tags?: readonly string[];
  group?: number;
  order?: number;
}

const presentationSelector = /^(\p{Emoji_Presentation})\uFE0F$/u;

/**
 * Drops the emoji presentation selector where the character is shown as emoji anyway ("👍️" is
 * "👍"), so a reaction picked here and one sent as "👍" by another client count as one.
 */
export function normalizeEmoji(emoji: string): string {
  return emoji.replace(presentationSelector, '$1');
}

/** Keeps the emoji the picker offers (no bare regional letters or skin swatches), in emojibase's order. */
export function toEntries(data: readonly CompactEmoji[]): EmojiEntry[] {
  const shown = new Set<number>(emojiCategories.map((c) => c.group));
  return data
    .filter((e): e is CompactEmoji & { group: number } => e.group !== undefined && shown.has(e.group))
    .map((e) => ({
      emoji: normalizeEmoji(e.unicode),
      label: e.label,
      tags: e.tags ?? [],
      group: e.group,
      order: e.order ?? 0,
    }))
    .sort((a, b) => a.order - b.order);
}

/**
 * The emoji whose name or keywords match the query: the exact name first, then exact keywords and
 * names with a word starting with it, then keywords starting with it, then anything containing it.
 */
export function searchEmoji(entries: readonly EmojiEntry[], query: string, limit = 120): EmojiEntry[] {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return [];
  const rank = (e: EmojiEntry): number => {
    const label = e.label.toLocaleLowerCase();
    const tags = e.tags.map((t) => t.toLocaleLowerCase());
    if (label === q) return 0;
    if (tags.includes(q) || label.split(/[\s:]+/u).some((w) => w.startsWith(q))) return 1;
    if (tags.some((t) => t.startsWith(q))) return 2;
    if (label.includes(q) || tags.some((t) => t.includes(q))) return 3;
    return -1;
  };
  return entries
    .map((e) => ({ e, r: rank(e) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.e.order - b.e.order)
    .slice(0, limit)
    .map((x) => x.e);
}

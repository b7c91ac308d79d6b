import type { PublicUser } from '@parley/shared';

/** The letter a section is filed under; "#" for names that start with neither a letter nor Han. */
export type Initial = string;

const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/*
 * The first Han character of each pinyin initial in the zh-CN (pinyin) collation order, so the
 * collator itself tells which letter a Chinese name is filed under. No Chinese syllable starts
 * with I, U or V.
 */
const hanBoundaries: readonly (readonly [Initial, string])[] = [
  ['A', '吖'],
  ['B', '丷'],
  ['C', '嚓'],
  ['D', '咑'],
  ['E', '妸'],
  ['F', '发'],
  ['G', '旮'],
  ['H', '哈'],
  ['J', '丌'],
  ['K', '咔'],
  ['L', '垃'],
  ['M', '呣'],
  ['N', '拏'],
  ['O', '喔'],
  ['P', '妑'],
  ['Q', '七'],
  ['R', '呥'],
  ['S', '仨'],
  ['T', '他'],
  ['W', '屲'],
  ['X', '夕'],
  ['Y', '丫'],
  ['Z', '帀'],
];

const han = /^\p{Script=Han}/u;
const latin = /^[A-Z]$/;

/** The section letter of a name: its first Latin letter (accents dropped), or its Han character's pinyin initial. */
export function initialOf(name: string): Initial {
  const code = name.trim().codePointAt(0);
  if (code === undefined) return '#';
  const first = String.fromCodePoint(code);
  if (han.test(first)) {
    let found: Initial = '#';
    for (const [letter, boundary] of hanBoundaries) {
      if (collator.compare(first, boundary) < 0) break;
      found = letter;
    }
    return found;
  }
  const letter = first.normalize('NFD').charAt(0).toUpperCase();
  return latin.test(letter) ? letter : '#';
}

/** Orders people by display name as a Chinese or English reader expects, then by username. */
export function compareUsers(a: PublicUser, b: PublicUser): number {
  const ia = initialOf(a.displayName);
  const ib = initialOf(b.displayName);
  if (ia !== ib) return ia === '#' ? 1 : ib === '#' ? -1 : ia < ib ? -1 : 1;
  return collator.compare(a.displayName, b.displayName) || collator.compare(a.username, b.username);
}

export interface InitialSection<T> {
  initial: Initial;
  items: T[];
}

/** Friends in sections A–Z (then "#"), each sorted; Chinese and Latin names share a letter. */
export function groupByInitial<T>(items: readonly T[], userOf: (item: T) => PublicUser): InitialSection<T>[] {
  const sorted = [...items].sort((a, b) => compareUsers(userOf(a), userOf(b)));
  const sections: InitialSection<T>[] = [];
  for (const item of sorted) {
    const initial = initialOf(userOf(item).displayName);
    const last = sections.at(-1);
    if (last?.initial === initial) last.items.push(item);
    else sections.push({ initial, items: [item] });
  }
  return sections;
}

/** Whether a person matches what was typed in a filter box (name or username, any case). */
export function matchesQuery(user: PublicUser, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return true;
  return user.displayName.toLocaleLowerCase().includes(q) || user.username.toLocaleLowerCase().includes(q);
}

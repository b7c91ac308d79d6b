/** Text as matching compares it: compatibility forms unified, accents dropped, case folded. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().normalize('NFC');
}

/**
 * How well `text` matches a folded query: 0 starts with it, 1 a word in it does, 2 contains it,
 * null not at all. CJK text has no spaces, so for it "contains" is the useful case.
 */
export function matchRank(text: string, foldedQuery: string): 0 | 1 | 2 | null {
  if (foldedQuery === '') return 0;
  const t = fold(text);
  const at = t.indexOf(foldedQuery);
  if (at === -1) return null;
  if (at === 0) return 0;
  if (t.split(/[\s._\-/]+/).some((w) => w.startsWith(foldedQuery))) return 1;
  return 2;
}

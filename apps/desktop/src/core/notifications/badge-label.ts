/** What the badge shows for an unread count: nothing, 1…9, or 9+. */
export function badgeLabel(count: number): '' | `${number}` | '9+' {
  if (!Number.isFinite(count) || count <= 0) return '';
  if (count > 9) return '9+';
  return `${Math.floor(count)}`;
}

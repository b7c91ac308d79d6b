const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * How long ago a moment was, in the locale's words ("5 minutes ago", "5分钟前"); under a minute is
 * null (the caller says "just now"), and past a week the date itself reads better.
 */
export function relativeTime(at: number, now: number, locale: string): string | null {
  const ago = Math.max(0, now - at);
  if (ago < minute) return null;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (ago < hour) return rtf.format(-Math.floor(ago / minute), 'minute');
  if (ago < day) return rtf.format(-Math.floor(ago / hour), 'hour');
  if (ago < 7 * day) return rtf.format(-Math.floor(ago / day), 'day');
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(at);
}

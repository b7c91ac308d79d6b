const dayMs = 24 * 60 * 60 * 1000;

/** Calendar days from `at` to `now` in local time (0: same day), whatever DST did in between. */
export function calendarDaysBetween(at: number, now: number): number {
  const a = new Date(at);
  const b = new Date(now);
  const start = new Date(a.getFullYear(), a.getMonth(), a.getDate()).getTime();
  const end = new Date(b.getFullYear(), b.getMonth(), b.getDate()).getTime();
  return Math.round((end - start) / dayMs);
}

/**
 * The time a conversation row shows, in the UI language: the time today, "Yesterday", the weekday
 * within the last week, else the date (with the year when it is not this year's).
 */
export function listTime(at: number, now: number, locale: string, words: { yesterday: string }): string {
  const days = calendarDaysBetween(at, now);
  const date = new Date(at);
  if (days === 0) return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
  if (days === 1) return words.yesterday;
  if (days > 1 && days < 7) return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(date);
  const thisYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(
    locale,
    thisYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'numeric', day: 'numeric' },
  ).format(date);
}

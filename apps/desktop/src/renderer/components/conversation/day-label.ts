import { sameDay } from './timeline-rows.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * What a day separator says: "Today", "Yesterday", else the date in the UI language: with the
 * weekday this year, with the year before that.
 */
export function dayLabel(
  at: number,
  now: number,
  locale: string,
  words: { today: string; yesterday: string },
): string {
  if (sameDay(at, now)) return words.today;
  if (sameDay(at, now - dayMs)) return words.yesterday;
  const date = new Date(at);
  const thisYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(
    locale,
    thisYear
      ? { month: 'long', day: 'numeric', weekday: 'long' }
      : { year: 'numeric', month: 'long', day: 'numeric' },
  ).format(date);
}

/** The time of a message, as hours and minutes in the UI language. */
export function timeLabel(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));
}

/** Date and time, for the tooltip of a message's time. */
export function fullTimeLabel(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(at));
}

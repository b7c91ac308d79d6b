import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, listTime } from '../../src/renderer/components/chats/list-time.js';

// Local times, so the test reads the same in every time zone.
const now = new Date(2025, 5, 18, 15, 30).getTime(); // Wednesday 18 June 2025
const at = (month: number, day: number, hour = 9, minute = 5, year = 2025) =>
  new Date(year, month, day, hour, minute).getTime();
const words = { yesterday: 'Yesterday' };
const en = (t: number) => listTime(t, now, 'en', words).replace(/\s/g, ' ');
const zh = (t: number) => listTime(t, now, 'zh-CN', { yesterday: '昨天' });

describe('listTime', () => {
  it('shows the time for today', () => {
    expect(en(at(5, 18))).toBe('9:05 AM');
    expect(zh(at(5, 18))).toBe('09:05');
    expect(zh(at(5, 18, 0, 0))).toBe('00:00');
  });

  it('says yesterday for any time of the day before', () => {
    expect(en(at(5, 17, 23, 59))).toBe('Yesterday');
    expect(zh(at(5, 17, 0, 1))).toBe('昨天');
  });

  it('shows the weekday within the last week', () => {
    expect(en(at(5, 16))).toBe('Mon');
    expect(zh(at(5, 16))).toBe('周一');
    expect(en(at(5, 12))).toBe('Thu');
  });

  it('shows the date from a week back, with the year only for other years', () => {
    expect(en(at(5, 11))).toBe('Jun 11');
    expect(zh(at(5, 11))).toBe('6月11日');
    expect(en(at(11, 31, 9, 5, 2024))).toBe('12/31/2024');
    expect(zh(at(11, 31, 9, 5, 2024))).toBe('2024/12/31');
  });
});

describe('calendarDaysBetween', () => {
  it('counts calendar days, not 24-hour periods', () => {
    expect(calendarDaysBetween(at(5, 17, 23, 59), at(5, 18, 0, 1))).toBe(1);
    expect(calendarDaysBetween(at(5, 18, 0, 1), at(5, 18, 23, 59))).toBe(0);
    expect(calendarDaysBetween(at(2, 1), at(3, 1))).toBe(31);
  });
});

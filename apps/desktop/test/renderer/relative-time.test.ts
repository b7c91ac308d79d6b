import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../src/renderer/components/people/relative-time.js';

const now = Date.UTC(2025, 5, 15, 12, 0, 0);
const minute = 60_000;

describe('relativeTime', () => {
  it('is null under a minute, so the caller can say "just now"', () => {
    expect(relativeTime(now - 59_000, now, 'en')).toBeNull();
    expect(relativeTime(now + 5_000, now, 'en')).toBeNull();
  });

  it('counts minutes, hours and days in the locale', () => {
    expect(relativeTime(now - 5 * minute, now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(now - 5 * minute, now, 'zh-CN')).toBe('5分钟前');
    expect(relativeTime(now - 3 * 60 * minute, now, 'en')).toBe('3 hours ago');
    expect(relativeTime(now - 24 * 60 * minute, now, 'en')).toBe('yesterday');
    expect(relativeTime(now - 3 * 24 * 60 * minute, now, 'zh-CN')).toBe('3天前');
  });

  it('gives the date past a week', () => {
    expect(relativeTime(Date.UTC(2025, 0, 2, 12), now, 'en')).toBe('Jan 2, 2025');
  });
});

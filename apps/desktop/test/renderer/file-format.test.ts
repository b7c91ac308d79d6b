import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, progressOf } from '../../src/renderer/components/files/format.js';

describe('file sizes', () => {
  it('count in 1024s with one decimal from a kilobyte on', () => {
    expect(formatSize(0, 'en')).toBe('0 B');
    expect(formatSize(999, 'en')).toBe('999 B');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(formatSize(2.25 * 1024 ** 3, 'en')).toBe('2.3 GB');
  });

  it('follow the language', () => {
    expect(formatSize(1536, 'zh-CN')).toBe('1.5 kB');
    expect(formatSize(1536, 'de')).toBe('1,5 kB');
  });
});

describe('durations', () => {
  it('read m:ss, then h:mm:ss, rounded down to the second', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(12_999)).toBe('0:12');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_600_000 + 2 * 60_000 + 3_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe('progress', () => {
  it('is a fraction, clamped, and an empty file is done', () => {
    expect(progressOf(50, 200)).toBe(0.25);
    expect(progressOf(300, 200)).toBe(1);
    expect(progressOf(0, 0)).toBe(1);
  });
});

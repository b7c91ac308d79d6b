/** File sizes as people read them: "999 B", then one decimal from a kilobyte on (1024-based). */
export function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = Math.max(0, bytes);
  // Intl spells the smallest unit out ("999 byte"); file managers write B.
  if (value < 1024) return `${new Intl.NumberFormat(locale).format(Math.round(value))} B`;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** m:ss, or h:mm:ss from an hour on; rounded down to the second, as players count. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** How far a transfer got, 0–1 (a file of 0 bytes is done at once). */
export function progressOf(bytesDone: number, size: number): number {
  if (size <= 0) return 1;
  return Math.min(1, Math.max(0, bytesDone / size));
}

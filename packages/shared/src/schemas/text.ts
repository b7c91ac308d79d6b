import { z } from 'zod';

/** Length in Unicode code points, so an emoji or a CJK character counts as one. */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A trimmed, non-empty single-line string of at most `max` code points. */
export function lineText(max: number, min = 1) {
  return z
    .string()
    .max(max * 2)
    .transform((s) => s.trim())
    .refine((s) => codePointLength(s) >= min, { error: `must have at least ${min} characters` })
    .refine((s) => codePointLength(s) <= max, { error: `must have at most ${max} characters` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'must not contain control characters' });
}

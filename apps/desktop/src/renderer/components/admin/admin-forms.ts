import type { Invite } from '@parley/shared';
import { Limits } from '@parley/shared/limits';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Length in code points, as the server counts (an emoji or a CJK character is one). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Why a field of the server card is refused: a key of `admin:server.errors`. */
export type ServerFormError = 'nameRequired' | 'nameTooLong' | 'nameOneLine' | 'announcementTooLong';

/** The server's name and announcement, checked with the server's rules before they are sent. */
export function validateServerForm(form: {
  name: string;
  announcement: string;
}): Partial<Record<'name' | 'announcement', ServerFormError>> {
  const errors: Partial<Record<'name' | 'announcement', ServerFormError>> = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'nameRequired';
  else if (codePoints(name) > Limits.serverNameMax) errors.name = 'nameTooLong';
  else if (/[\u0000-\u001f\u007f]/.test(name)) errors.name = 'nameOneLine';
  if (codePoints(form.announcement.trim()) > Limits.announcementMax)
    errors.announcement = 'announcementTooLong';
  return errors;
}

/** A size in bytes as a number for an input in megabytes (or gigabytes), at most one decimal. */
export function bytesToUnit(bytes: number, unit: 'MB' | 'GB'): string {
  const value = bytes / (unit === 'MB' ? MiB : GiB);
  return String(Math.round(value * 10) / 10);
}

/**
 * What was typed in a megabyte (or gigabyte) input, in bytes; null when it is not a number of at
 * least `min` units (a comma counts as the decimal point).
 */
export function unitToBytes(text: string, unit: 'MB' | 'GB', min: number): number | null {
  const normal = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  const value = Number(normal);
  if (value < min) return null;
  const bytes = Math.round(value * (unit === 'MB' ? MiB : GiB));
  return bytes <= Number.MAX_SAFE_INTEGER ? bytes : null;
}

/** A whole number of days the server keeps messages, or null when it is not one it takes. */
export function parseRetentionDays(text: string): number | null {
  const normal = text.trim();
  if (!/^\d+$/.test(normal)) return null;
  const days = Number(normal);
  return days >= 1 && days <= Limits.retentionDaysMax ? days : null;
}

/** The expiries offered for a new invite code, in hours; null: never. */
export const inviteExpiries = [1, 24, 168, 720, null] as const;
/** How many accounts a new invite code may make; null: any number. */
export const inviteUses = [1, 5, 10, 25, null] as const;

/** An invite code as its row shows it: still usable, or why not. */
export function inviteState(invite: Invite, now: number): 'usable' | 'expired' | 'usedUp' {
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'usedUp';
  if (invite.expiresAt !== null && invite.expiresAt <= now) return 'expired';
  return 'usable';
}

import { z } from 'zod';
import { Timestamp, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { codePointLength, lineText } from './text.js';

export const Username = z
  .string()
  .min(Limits.usernameMin)
  .max(Limits.usernameMax)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

export const DisplayName = lineText(Limits.displayNameMax);
export const Bio = z
  .string()
  .max(Limits.bioMax * 2)
  .refine((s) => codePointLength(s) <= Limits.bioMax, {
    error: `must have at most ${Limits.bioMax} characters`,
  });
export const Password = z.string().min(Limits.passwordMin).max(Limits.passwordMax);

/** What anyone who can see a user learns about them. */
export const PublicUser = z.object({
  id: UserId,
  username: z.string(),
  displayName: z.string(),
  bio: z.string(),
  /** The avatar (GET /api/avatars/:avatarFileId/64|256); null when none is set. */
  avatarFileId: z.string().nullable(),
  createdAt: Timestamp,
});
export type PublicUser = z.infer<typeof PublicUser>;

/** The signed-in user's own view of their account. */
export const Me = PublicUser.extend({
  isAdmin: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const PresenceStatus = z.enum(['online', 'away', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const Presence = z.object({
  userId: UserId,
  status: PresenceStatus,
  /** When the user's last device went offline; null while online or if never seen. */
  lastSeenAt: Timestamp.nullable(),
});
export type Presence = z.infer<typeof Presence>;

import { z } from 'zod';
import { Timestamp, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { codePointLength, lineText } from './text.js';
import { PublicUser } from './users.js';

/** Who may create an account: anyone, whoever holds an invite code, or nobody (the first account always may). */
export const RegistrationPolicy = z.enum(['open', 'invite', 'closed']);
export type RegistrationPolicy = z.infer<typeof RegistrationPolicy>;

/** What anyone may know about a server before signing in (`GET /api/server`, the `server.updated` push). */
export const ServerInfo = z.object({
  name: z.string(),
  /** Shown to every user; "" when there is none. */
  announcement: z.string(),
  registration: RegistrationPolicy,
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const ServerName = lineText(Limits.serverNameMax);

/** Several lines allowed; no other control characters; trimmed. "" removes it. */
export const Announcement = z
  .string()
  .max(Limits.announcementMax * 2)
  .transform((s) => s.trim())
  .refine((s) => codePointLength(s) <= Limits.announcementMax, {
    error: `must have at most ${Limits.announcementMax} characters`,
  })
  .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), {
    error: 'must not contain control characters',
  });

/** The settings an administrator changes at run time; every value is the one in force. */
export const AdminSettings = z.object({
  serverName: z.string(),
  announcement: z.string(),
  registration: RegistrationPolicy,
  /** Largest file one upload may be (bytes). */
  maxFileSize: z.int().min(1),
  /** Bytes each user's files may take. */
  userQuotaBytes: z.int().min(0),
  /** Messages (and the files they carry) older than this many days are removed; null keeps them forever. */
  retentionDays: z.int().min(1).nullable(),
});
export type AdminSettings = z.infer<typeof AdminSettings>;

export const AdminSettingsPatch = z.strictObject({
  serverName: ServerName.optional(),
  announcement: Announcement.optional(),
  registration: RegistrationPolicy.optional(),
  maxFileSize: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  userQuotaBytes: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  retentionDays: z.int().min(1).max(Limits.retentionDaysMax).nullable().optional(),
});
export type AdminSettingsPatch = z.input<typeof AdminSettingsPatch>;

export const InviteId = z.uuid().brand<'InviteId'>();
export type InviteId = z.infer<typeof InviteId>;

/** An invite code as a person types it (the server ignores case, spaces and dashes). */
export const InviteCode = z.string().trim().min(1).max(64);

export const Invite = z.object({
  id: InviteId,
  code: z.string(),
  createdBy: UserId,
  createdAt: Timestamp,
  /** null: never expires. */
  expiresAt: Timestamp.nullable(),
  /** null: any number of accounts. */
  maxUses: z.int().min(1).nullable(),
  uses: z.int().min(0),
  /** Not expired and not used up: registration takes it now. */
  usable: z.boolean(),
});
export type Invite = z.infer<typeof Invite>;

export const CreateInviteBody = z.strictObject({
  /** Absent or null: never expires. */
  expiresInHours: z.int().min(1).max(Limits.inviteHoursMax).nullable().optional(),
  /** Absent or null: no limit. */
  maxUses: z.int().min(1).max(Limits.inviteUsesMax).nullable().optional(),
});
export type CreateInviteBody = z.input<typeof CreateInviteBody>;

/** A user as an administrator sees them. */
export const AdminUser = PublicUser.extend({
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  /** Must choose a new password at the next sign-in (after a reset). */
  passwordChangeRequired: z.boolean(),
  /** Connected right now. */
  online: z.boolean(),
  /** When the last device disconnected; null if never seen. */
  lastSeenAt: Timestamp.nullable(),
  /** Bytes of the user's files (and unfinished uploads) on the server. */
  storageBytes: z.int().min(0),
});
export type AdminUser = z.infer<typeof AdminUser>;

const UserSearch = z.string().trim().max(Limits.searchQueryMax);

/** One page of users, by username; `query` matches a username prefix or part of a display name. */
export const AdminUsersQuery = z.strictObject({
  query: UserSearch.optional(),
  offset: z.int().min(0).optional(),
  limit: z.int().min(1).max(Limits.adminUsersPageMax).optional(),
});
export type AdminUsersQuery = z.input<typeof AdminUsersQuery>;

/** The same, from a URL's query string. */
export const AdminUsersQueryString = z.strictObject({
  query: UserSearch.optional(),
  offset: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.int().min(1).max(Limits.adminUsersPageMax))
    .optional(),
});

export const AdminUserList = z.object({
  users: z.array(AdminUser),
  /** How many users match the query in all. */
  total: z.int().min(0),
});
export type AdminUserList = z.infer<typeof AdminUserList>;

export const SetAdminBody = z.strictObject({ isAdmin: z.boolean() });

export const PasswordReset = z.object({
  user: AdminUser,
  /** Shown once to the administrator; the user must replace it at the next sign-in. */
  temporaryPassword: z.string(),
});
export type PasswordReset = z.infer<typeof PasswordReset>;

export const RetentionRun = z.object({ expiredMessages: z.int().min(0) });
export type RetentionRun = z.infer<typeof RetentionRun>;

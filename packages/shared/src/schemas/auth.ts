import { z } from 'zod';
import { SessionId, Timestamp } from '../ids.js';
import { Limits } from '../limits.js';
import { DisplayName, Me, Password, Username } from './users.js';
import { lineText } from './text.js';
import { InviteCode } from './admin.js';
import { FINGERPRINT_PATTERN } from '../fingerprint.js';

const DeviceName = lineText(Limits.deviceNameMax).optional();

export const RegisterBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  password: Password,
  deviceName: DeviceName,
  /** Needed while the server's registration policy is `invite`. */
  inviteCode: InviteCode.optional(),
});
export type RegisterBody = z.input<typeof RegisterBody>;

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(Limits.usernameMax),
  password: z.string().min(1).max(Limits.passwordMax),
  deviceName: DeviceName,
});
export type LoginBody = z.input<typeof LoginBody>;

export const RefreshBody = z.strictObject({
  refreshToken: z.string().min(1).max(512),
});
export type RefreshBody = z.input<typeof RefreshBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(Limits.passwordMax),
  newPassword: Password,
});
export type ChangePasswordBody = z.input<typeof ChangePasswordBody>;

export const TokenPair = z.object({
  sessionId: SessionId,
  accessToken: z.string(),
  accessTokenExpiresAt: Timestamp,
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const AuthResult = TokenPair.extend({
  user: Me,
  /**
   * An administrator reset the password: until it is changed (POST /api/auth/password, with the
   * temporary one as the current password) every other call is refused with PASSWORD_CHANGE_REQUIRED.
   */
  passwordChangeRequired: z.boolean(),
});
export type AuthResult = z.infer<typeof AuthResult>;

export const SessionInfo = z.object({
  id: SessionId,
  deviceName: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp,
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionList = z.object({ sessions: z.array(SessionInfo) });
export type SessionList = z.infer<typeof SessionList>;

export const Health = z.object({
  status: z.literal('ok'),
  name: z.string(),
  version: z.string(),
  protocolVersion: z.int(),
  /** Whether the server speaks HTTPS (absent from servers older than TLS support: false). */
  tls: z.boolean().optional(),
  /** With TLS: the SHA-256 of the certificate's public key (see fingerprint.ts), to compare before trusting it. */
  fingerprint: z.string().regex(FINGERPRINT_PATTERN).nullable().optional(),
});
export type Health = z.infer<typeof Health>;

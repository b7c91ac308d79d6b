import { z } from 'zod';
import { UserId } from '../ids.js';
import {
  AdminSettings,
  AdminSettingsPatch,
  AdminUser,
  AdminUserList,
  AdminUsersQuery,
  CreateInviteBody,
  Invite,
  InviteId,
  PasswordReset,
  RetentionRun,
  ServerInfo,
} from '../schemas/admin.js';

const Empty = z.strictObject({});
const Ok = z.object({});
const UserRequest = z.strictObject({ userId: UserId });
const UserAnswer = z.object({ user: AdminUser });

/**
 * The administrators' channels: each is the REST route of the same purpose under /api/admin
 * (docs/protocol.md §3.5), called by the core with the current token.
 */
export const adminChannels = {
  'admin.getSettings': { request: Empty, response: z.object({ settings: AdminSettings }) },
  'admin.updateSettings': { request: AdminSettingsPatch, response: z.object({ settings: AdminSettings }) },
  'admin.listInvites': { request: Empty, response: z.object({ invites: z.array(Invite) }) },
  'admin.createInvite': { request: CreateInviteBody, response: z.object({ invite: Invite }) },
  'admin.revokeInvite': { request: z.strictObject({ inviteId: InviteId }), response: Ok },
  'admin.listUsers': { request: AdminUsersQuery, response: AdminUserList },
  /** Signs every device of the user out at once. */
  'admin.disableUser': { request: UserRequest, response: UserAnswer },
  'admin.enableUser': { request: UserRequest, response: UserAnswer },
  /** The temporary password is in the answer, and nowhere else. */
  'admin.resetPassword': { request: UserRequest, response: PasswordReset },
  'admin.setAdmin': {
    request: z.strictObject({ userId: UserId, isAdmin: z.boolean() }),
    response: UserAnswer,
  },
  /** Removes what is past the retention period now; answers how many messages went. */
  'admin.runRetention': { request: Empty, response: RetentionRun },
  /** The signed-in server's name, announcement and registration policy, as last heard (null before). */
  'server.info': { request: Empty, response: z.object({ info: ServerInfo.nullable() }) },
};

export const adminEvents = {
  /** The server's name, announcement or registration policy changed (or was first heard). */
  'server.changed': ServerInfo,
};

import { z } from 'zod';
import { FriendRequestId, Timestamp, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { PresenceStatus, PublicUser } from './users.js';
import { DisplayName, Bio } from './users.js';

export const FriendRequestStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled']);

export const FriendRequest = z.object({
  id: FriendRequestId,
  fromUserId: UserId,
  toUserId: UserId,
  message: z.string(),
  status: FriendRequestStatus,
  createdAt: Timestamp,
  /** The other party's profile, as seen by the one who asks. */
  from: PublicUser,
  to: PublicUser,
});
export type FriendRequest = z.infer<typeof FriendRequest>;

export const Friend = z.object({
  user: PublicUser,
  since: Timestamp,
});
export type Friend = z.infer<typeof Friend>;

export const SearchUsersRequest = z.strictObject({
  query: z.string().trim().min(1).max(Limits.searchQueryMax),
  limit: z.int().min(1).max(50).optional(),
});
export const UserIdsRequest = z.strictObject({
  userIds: z.array(UserId).min(1).max(Limits.idsPerRequestMax),
});
export const UserRef = z.strictObject({ userId: UserId });
export const SendFriendRequest = z.strictObject({
  userId: UserId,
  message: z.string().max(Limits.friendRequestMessageMax).optional(),
});
export const FriendRequestRef = z.strictObject({ requestId: FriendRequestId });
export const UpdateProfileRequest = z.strictObject({
  displayName: DisplayName.optional(),
  bio: Bio.optional(),
});
export const SetPresenceRequest = z.strictObject({
  status: PresenceStatus.exclude(['offline']),
});

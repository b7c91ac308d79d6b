/** Limits shared by client-side validation and the server's schemas. */
export const Limits = {
  usernameMin: 3,
  usernameMax: 32,
  displayNameMax: 64,
  bioMax: 500,
  passwordMin: 8,
  passwordMax: 256,
  deviceNameMax: 100,
  groupNameMax: 64,
  /** Counted in Unicode code points, not UTF-16 units. */
  textMax: 10_000,
  mentionsMax: 100,
  emojiMax: 32,
  searchQueryMax: 64,
  pageMax: 500,
  idsPerRequestMax: 200,
  friendRequestMessageMax: 200,
  /** Group members created or added in one call. */
  membersPerCallMax: 500,
  defaultGroupMemberLimit: 500,
  /** The author may recall a message this long after sending it. */
  recallWindowMs: 2 * 60 * 1000,
  /** Typing indicators from one user in one conversation are relayed at most this often. */
  typingThrottleMs: 2_000,
} as const;

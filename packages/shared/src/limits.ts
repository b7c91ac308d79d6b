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
  /** A file name as a client may declare it; the server shortens what it stores. */
  fileNameInputMax: 10_000,
  /** Stored file names, in code points, extension kept. */
  fileNameMax: 200,
  waveformPeaksMax: 100,
  /** Voice and video: 6 hours is more than anyone records. */
  mediaDurationMaxMs: 6 * 60 * 60 * 1000,
  /** Voice recordings stop themselves at this length. */
  voiceMaxMs: 5 * 60 * 1000,
  /** Files handed over from the renderer as bytes (pasted images, voice recordings); larger ones go by path. */
  bytesFromRendererMax: 64 * 1024 * 1024,
  avatarBytesMax: 10 * 1024 * 1024,
  /** Administration: the server's name, its announcement (code points), retention, invites, user pages. */
  serverNameMax: 64,
  announcementMax: 1000,
  retentionDaysMax: 36_500,
  inviteHoursMax: 24 * 365,
  inviteUsesMax: 10_000,
  adminUsersPageMax: 100,
} as const;

/** The sizes the desktop's file cache may be kept under, in GiB (settings.fileCacheLimitGiB). */
export const fileCacheLimitsGiB = [1, 2, 5, 10, 20, 50] as const;

/**
 * Stable error codes. Clients branch on these, so a code is never renamed or
 * reused for another meaning; new ones are only added.
 */
export const ErrorCodes = [
  // Input
  'VALIDATION_FAILED',
  'UNKNOWN_EVENT',
  'PAYLOAD_TOO_LARGE',
  // Authentication
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'SESSION_REVOKED',
  'INVALID_CREDENTIALS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'USERNAME_TAKEN',
  'WRONG_PASSWORD',
  // Lookups
  'NOT_FOUND',
  'USER_NOT_FOUND',
  'CONVERSATION_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'REQUEST_NOT_FOUND',
  'SESSION_NOT_FOUND',
  // Social
  'CANNOT_TARGET_SELF',
  'ALREADY_FRIENDS',
  'REQUEST_EXISTS',
  'NOT_FRIENDS',
  'BLOCKED',
  // Conversations and messages
  'NOT_A_GROUP',
  'INSUFFICIENT_ROLE',
  'GROUP_FULL',
  'ALREADY_MEMBER',
  'NOT_MEMBER',
  'OWNER_MUST_TRANSFER',
  'CONVERSATION_DISSOLVED',
  'IDEMPOTENCY_CONFLICT',
  'NOT_AUTHOR',
  'RECALL_WINDOW_EXPIRED',
  'MESSAGE_RECALLED',
  // Files
  'FILE_NOT_FOUND',
  'FILE_TOO_LARGE',
  'QUOTA_EXCEEDED',
  'UPLOAD_INCOMPLETE',
  'UPLOAD_EXPIRED',
  'UPLOAD_OFFSET_MISMATCH',
  'CHECKSUM_MISMATCH',
  'UNSUPPORTED_IMAGE',
  'IMAGE_TOO_LARGE',
  'FILE_KIND_MISMATCH',
  'FILE_NOT_READY',
  // Administration
  'NOT_ADMIN',
  'LAST_ADMIN',
  'ACCOUNT_DISABLED',
  'PASSWORD_CHANGE_REQUIRED',
  'REGISTRATION_CLOSED',
  'INVITE_REQUIRED',
  'INVITE_INVALID',
  'INVITE_NOT_FOUND',
  // Operations
  'RATE_LIMITED',
  'SERVER_SHUTTING_DOWN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** For VALIDATION_FAILED: which fields were wrong and why. */
  issues?: { path: string; message: string }[];
  /** For RATE_LIMITED: when the request may be tried again. */
  retryAfterMs?: number;
  /**
   * For SESSION_REVOKED (a refused refresh, request or socket handshake): why the session ended, as
   * the `session.revoked` push would have said to a device that was online.
   */
  revokeReason?: string;
}

/** HTTP status used when an error code is returned from a REST route. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_EVENT: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  SESSION_REVOKED: 401,
  INVALID_CREDENTIALS: 401,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  USERNAME_TAKEN: 409,
  WRONG_PASSWORD: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  QUOTA_EXCEEDED: 413,
  UPLOAD_INCOMPLETE: 409,
  UPLOAD_EXPIRED: 410,
  UPLOAD_OFFSET_MISMATCH: 409,
  CHECKSUM_MISMATCH: 422,
  UNSUPPORTED_IMAGE: 415,
  IMAGE_TOO_LARGE: 422,
  FILE_KIND_MISMATCH: 422,
  FILE_NOT_READY: 503,
  REQUEST_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  CANNOT_TARGET_SELF: 400,
  ALREADY_FRIENDS: 409,
  REQUEST_EXISTS: 409,
  NOT_FRIENDS: 403,
  BLOCKED: 403,
  NOT_A_GROUP: 400,
  INSUFFICIENT_ROLE: 403,
  GROUP_FULL: 409,
  ALREADY_MEMBER: 409,
  NOT_MEMBER: 409,
  OWNER_MUST_TRANSFER: 409,
  CONVERSATION_DISSOLVED: 410,
  IDEMPOTENCY_CONFLICT: 409,
  NOT_AUTHOR: 403,
  RECALL_WINDOW_EXPIRED: 403,
  MESSAGE_RECALLED: 409,
  NOT_ADMIN: 403,
  LAST_ADMIN: 409,
  ACCOUNT_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  REGISTRATION_CLOSED: 403,
  INVITE_REQUIRED: 403,
  INVITE_INVALID: 403,
  INVITE_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SERVER_SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value);
}

/**
 * The actor of what the server does on its own (retention): a message removed because it grew
 * older than the retention period is recalled by this id. No account ever has it. Kept free of
 * zod, so the renderer can import it (`@parley/shared/system`).
 */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

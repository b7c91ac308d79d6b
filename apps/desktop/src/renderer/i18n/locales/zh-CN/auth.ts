import type { auth as en } from '../en/auth.js';

export const auth: typeof en = {};

import type { conversation as en } from '../en/conversation.js';

export const conversation: typeof en = {};

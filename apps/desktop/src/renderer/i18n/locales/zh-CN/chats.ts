import type { chats as en } from '../en/chats.js';

export const chats: typeof en = {};

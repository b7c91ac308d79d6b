import type { Resources } from '../en/index.js';
import { auth } from './auth.js';
import { chats } from './chats.js';
import { common } from './common.js';
import { conversation } from './conversation.js';
import { people } from './people.js';
import { settings } from './settings.js';

export const zhCN: Resources = { common, auth, chats, conversation, people, settings };

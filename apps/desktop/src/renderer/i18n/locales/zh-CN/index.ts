import type { Resources } from '../en/index.js';
import { admin } from './admin.js';
import { auth } from './auth.js';
import { chats } from './chats.js';
import { common } from './common.js';
import { conversation } from './conversation.js';
import { files } from './files.js';
import { hosting } from './hosting.js';
import { people } from './people.js';
import { settings } from './settings.js';

export const zhCN: Resources = { common, auth, chats, conversation, files, people, settings, admin, hosting };

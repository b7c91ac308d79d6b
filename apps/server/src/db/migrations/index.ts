import { migration001 } from './001-accounts.js';
import { migration002 } from './002-social.js';
import { migration003 } from './003-conversations.js';
import { migration004 } from './004-messages-and-streams.js';
import { migration005 } from './005-files.js';
import { migration006 } from './006-admin.js';
import { migration007 } from './007-group-requests.js';
import type { Migration } from '@parley/db';

/** In order; a migration's version is its position, starting at 1. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];

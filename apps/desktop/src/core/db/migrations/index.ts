import type { Migration } from '@parley/db';
import { migration001 } from './001-cache.js';
import { migration002 } from './002-search.js';
import { migration003 } from './003-files.js';

/** In order; a migration's version is its position, starting at 1. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003];

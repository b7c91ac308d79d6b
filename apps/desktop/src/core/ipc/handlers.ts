import type { IpcHandlers } from '@parley/shared';
import { adminHandlers } from './admin-handlers.js';
import { appHandlers } from './app-handlers.js';
import { conversationHandlers } from './conversation-handlers.js';
import type { IpcHandlerDeps } from './deps.js';
import { fileHandlers } from './file-handlers.js';
import { groupHandlers } from './group-handlers.js';
import { hostHandlers } from './host-handlers.js';
import { lanHandlers } from './lan-handlers.js';
import { messageHandlers } from './message-handlers.js';
import { peopleHandlers } from './people-handlers.js';
import { sessionHandlers } from './session-handlers.js';
import { socialHandlers } from './social-handlers.js';
import { tlsHandlers } from './tls-handlers.js';

export type { IpcHandlerDeps, ShellPort } from './deps.js';

/** One handler per IPC contract channel, on top of the desktop core. Requests arrive parsed. */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  return {
    ...sessionHandlers(deps),
    ...tlsHandlers(deps),
    ...conversationHandlers(deps),
    ...groupHandlers(deps),
    ...messageHandlers(deps),
    ...peopleHandlers(deps),
    ...socialHandlers(deps),
    ...fileHandlers(deps),
    ...lanHandlers(deps),
    ...appHandlers(deps),
    ...adminHandlers(deps),
    ...hostHandlers(deps),
  };
}

import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { HostLauncher } from '../../src/core/host/host-child.js';

const desktopDir = resolve(import.meta.dirname, '..', '..');

/** The host process's entry, run from source under tsx. */
export const HOST_ENTRY = join(desktopDir, 'src', 'host', 'index.ts');

/** better-sqlite3's addon for Node: what the host process loads through `nativeBinding` here. */
export const NODE_SQLITE_ADDON = createRequire(import.meta.url).resolve(
  'better-sqlite3/build/Release/better_sqlite3.node',
);

export interface ForkedHosts {
  launch: HostLauncher;
  /** Every process launched, newest last: tests kill them to play a crash. */
  readonly children: ChildProcess[];
}

/**
 * Starts host processes the way the app does with utilityProcess, but with child_process.fork:
 * the sources under tsx by default, or a built bundle (`entry`, with `execArgv: []`).
 */
export function forkHosts(entry = HOST_ENTRY, execArgv = ['--import', 'tsx']): ForkedHosts {
  const children: ChildProcess[] = [];
  return {
    children,
    launch: (events) => {
      const child = fork(entry, [], {
        cwd: desktopDir,
        execArgv,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      let ended = false;
      const end = (code: number | null) => {
        if (ended) return;
        ended = true;
        events.exit(code);
      };
      child.on('message', (message) => {
        events.message(message);
      });
      child.once('exit', end);
      child.once('error', () => {
        if (child.exitCode === null && child.pid === undefined) end(null);
      });
      return {
        postMessage: (command) => {
          if (child.connected) child.send(command);
        },
        kill: () => {
          child.kill();
        },
      };
    },
  };
}

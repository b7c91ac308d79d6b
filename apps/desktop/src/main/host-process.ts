import { utilityProcess } from 'electron';
import type { HostLauncher } from '../core/host/host-child.js';

/**
 * Host processes as Electron utility processes: Node with the app's own runtime, so the server's
 * better-sqlite3 is the Electron build (passed as nativeBinding) and no separate Node is shipped.
 * `modulePath` is the host bundle electron-vite builds (out/main/host.cjs).
 */
export function utilityHostLauncher(modulePath: string): HostLauncher {
  return (events) => {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'Parley server', stdio: 'inherit' });
    child.on('message', (message: unknown) => {
      events.message(message);
    });
    child.once('exit', (code) => {
      events.exit(code);
    });
    return {
      postMessage: (command) => {
        child.postMessage(command);
      },
      kill: () => {
        child.kill();
      },
    };
  };
}

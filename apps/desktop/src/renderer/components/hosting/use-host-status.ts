import type { HostStatus } from '@parley/shared';
import { useEffect, useState } from 'react';
import { call, parley } from '../../api/parley.js';

/** The server this computer hosts, kept current by host.changed; null until first heard. */
export function useHostStatus(): HostStatus | null {
  const [status, setStatus] = useState<HostStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = parley().on('host.changed', (next) => {
      if (live) setStatus(next);
    });
    call(parley().host.status()).then(
      (first) => {
        // An event that came in meanwhile is newer.
        if (live) setStatus((current) => current ?? first);
      },
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

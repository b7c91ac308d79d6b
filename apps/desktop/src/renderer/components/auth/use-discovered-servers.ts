import type { DiscoveredServer } from '@parley/shared';
import { useEffect, useState } from 'react';
import { parley } from '../../api/parley.js';

/**
 * The Parley servers on the LAN, kept live while the component using this is on screen: discovery
 * runs in the main process from mount to unmount only, not all the time.
 */
export function useDiscoveredServers(): DiscoveredServer[] {
  const [servers, setServers] = useState<DiscoveredServer[]>([]);
  useEffect(() => {
    const api = parley();
    const mounted = { live: true };
    const off = api.on('discovery.changed', (changed) => {
      if (mounted.live) setServers(changed.servers);
    });
    void (async () => {
      if (!(await api.discovery.start()).ok) return;
      const listed = await api.discovery.list();
      if (mounted.live && listed.ok) setServers(listed.data.servers);
    })();
    return () => {
      mounted.live = false;
      off();
      void api.discovery.stop();
    };
  }, []);
  return servers;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { MdnsPacket, MdnsResponder } from './mdns-responder.js';

const PROBES = 3;
const PROBE_INTERVAL_MS = 250;

/**
 * Whether something on the network already answers for `fqdn`: three queries 250 ms apart on
 * every interface, after a random wait of up to 250 ms so two servers starting together do not
 * probe in lock step (RFC 6762 §8.1, without the simultaneous-probe tie-break). A goodbye (TTL 0)
 * is not an answer: that is a server going away.
 */
export async function nameTaken(responders: readonly MdnsResponder[], fqdn: string): Promise<boolean> {
  if (responders.length === 0) return false;
  const wanted = fqdn.toLowerCase();
  // Set by the listener: `as boolean` keeps the loop's check from being narrowed away.
  let taken = false as boolean;
  const onResponse = (packet: MdnsPacket) => {
    const records = [...(packet.answers ?? []), ...(packet.additionals ?? [])];
    if (records.some((r) => r.name.toLowerCase() === wanted && r.ttl !== 0)) {
      taken = true;
    }
  };
  for (const r of responders) r.mdns.on('response', onResponse);
  try {
    await sleep(Math.random() * PROBE_INTERVAL_MS);
    for (let i = 0; i < PROBES && !taken; i++) {
      await Promise.all(responders.map((r) => r.query(fqdn, 'ANY')));
      await sleep(PROBE_INTERVAL_MS);
    }
    return taken;
  } finally {
    for (const r of responders) r.mdns.off('response', onResponse);
  }
}

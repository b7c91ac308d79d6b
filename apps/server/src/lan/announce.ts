import { LAN_SERVICE_TYPE, LAN_TXT_VALUE_MAX_BYTES, LanTxtKey } from '@parley/shared';
import type { Logger } from '../logger.js';
import { fitBytes, instanceName } from './instance-name.js';
import {
  type InterfaceFilter,
  interfacesKey,
  type MulticastInterface,
  multicastInterfaces,
} from './interfaces.js';
import { MdnsResponder } from './mdns-responder.js';
import { nameTaken } from './probe.js';

export interface AnnounceOptions {
  serverName: string;
  serverId: string;
  /** The port the HTTP server actually bound. */
  port: number;
  version: string;
  protocolVersion: number;
  /** With TLS: the key's fingerprint (TXT `tls=1`, `fp=<hex>`); null for plain HTTP (`tls=0`). */
  tlsFingerprint: string | null;
  /** Where to announce: the interfaces named in the config, or the one the server is bound to. */
  interfaces: InterfaceFilter;
  log: Logger;
  /** How often the interfaces are looked at again (a laptop joins another network, DHCP renews). */
  rescanIntervalMs?: number;
}

/** A running announcement. */
export interface Announcement {
  /** The DNS-SD instance name: the server name, or "name (2)"… when another service held it. */
  readonly instanceName: string;
  /** Sends goodbyes on every interface and closes the sockets. */
  close(): Promise<void>;
}

/** Attempts at a free name before giving up on renaming (and announcing the last one tried). */
const MAX_RENAMES = 50;

/**
 * Announces the server over mDNS / DNS-SD as `_parley._tcp` on every usable interface, with the
 * TXT keys of `LanTxtKey`. The name is probed first and renamed on conflict ("Office (2)").
 * Interfaces are looked at again every few seconds: a change rebuilds the sockets and announces
 * again with the new addresses. Never throws: a network that refuses mDNS is logged and skipped,
 * and when nothing can be announced at all the answer is null; the server runs on either way.
 */
export async function announce(options: AnnounceOptions): Promise<Announcement | null> {
  const { log } = options;
  const fqdnOf = (name: string) => `${name}._${LAN_SERVICE_TYPE}._tcp.local`;
  const open = (iface: MulticastInterface): MdnsResponder | null => {
    try {
      return new MdnsResponder(iface, (err) => {
        log.warn('mDNS failed on an interface', { interface: iface.name, error: err.message });
      });
    } catch (err) {
      log.warn('mDNS unavailable on an interface', { interface: iface.name, error: (err as Error).message });
      return null;
    }
  };

  let interfaces: MulticastInterface[] = [];
  let responders: MdnsResponder[] = [];
  let name = instanceName(options.serverName, 1);
  const txt: Record<string, string> = {
    [LanTxtKey.name]: fitBytes(options.serverName, LAN_TXT_VALUE_MAX_BYTES),
    [LanTxtKey.version]: options.version,
    [LanTxtKey.protocol]: String(options.protocolVersion),
    [LanTxtKey.tls]: options.tlsFingerprint === null ? '0' : '1',
    [LanTxtKey.id]: options.serverId,
    ...(options.tlsFingerprint === null ? {} : { [LanTxtKey.fingerprint]: options.tlsFingerprint }),
  };
  // Our own host name, not the machine's: the machine's (`<hostname>.local`) belongs to its mDNS
  // daemon (Avahi, mDNSResponder), which would see our address records as a conflict.
  const host = `parley-${options.serverId.slice(0, 12)}.local`;
  const publishOn = (r: MdnsResponder) => {
    r.publish({ name, type: LAN_SERVICE_TYPE, port: options.port, host, txt });
  };

  try {
    interfaces = multicastInterfaces(options.interfaces);
    responders = interfaces.map(open).filter((r) => r !== null);
    for (let attempt = 2; attempt <= MAX_RENAMES && (await nameTaken(responders, fqdnOf(name))); attempt++) {
      const next = instanceName(options.serverName, attempt);
      log.info('LAN name in use, trying another', { name, next });
      name = next;
    }
    responders.forEach(publishOn);
  } catch (err) {
    log.warn('cannot announce on the LAN', { error: (err as Error).message });
    await Promise.all(responders.map((r) => r.close(false)));
    return null;
  }
  log.info(interfaces.length > 0 ? 'announcing on the LAN' : 'no network yet: announcing once one appears', {
    name,
    service: `_${LAN_SERVICE_TYPE}._tcp`,
    interfaces: interfaces.map((i) => i.name),
  });

  // Rescans and close() take turns, so a rescan never reopens sockets after close.
  let work = Promise.resolve();
  let closed = false;
  const rescan = async () => {
    const now = multicastInterfaces(options.interfaces);
    if (closed || interfacesKey(now) === interfacesKey(interfaces)) return;
    // No goodbyes: on the interfaces that stay the server is still there; its old address records
    // run out with their TTL (120 s).
    await Promise.all(responders.map((r) => r.close(false)));
    interfaces = now;
    responders = now.map(open).filter((r) => r !== null);
    responders.forEach(publishOn);
    log.info('LAN interfaces changed; announcing again', { name, interfaces: now.map((i) => i.name) });
  };
  const timer = setInterval(() => {
    work = work.then(rescan).catch((err: unknown) => {
      log.warn('LAN rescan failed', { error: (err as Error).message });
    });
  }, options.rescanIntervalMs ?? 5_000);
  timer.unref();

  return {
    instanceName: name,
    async close() {
      clearInterval(timer);
      closed = true;
      await work;
      await Promise.all(responders.map((r) => r.close(true)));
    },
  };
}

import { z } from 'zod';

/*
 * How a Parley server announces itself on the LAN: mDNS / DNS-SD (RFC 6762, RFC 6763), service
 * type `_parley._tcp`, one TXT record of `key=value` strings. The server writes these keys, the
 * desktop reads them; both take the names from here.
 */

/** The DNS-SD service type as bonjour-service spells it (`_parley._tcp`). */
export const LAN_SERVICE_TYPE = 'parley';
/** The name a browser asks for: the PTR records of every Parley server on the link. */
export const LAN_SERVICE_DOMAIN = '_parley._tcp.local';

/** The keys of the TXT record. */
export const LanTxtKey = {
  /** The server's name as people see it (the DNS-SD instance name may carry a " (2)" suffix). */
  name: 'name',
  /** The server's version (`/api/health`'s `version`). */
  version: 'version',
  /** The wire protocol version (`PROTOCOL_VERSION`). */
  protocol: 'proto',
  /** `1` when the server speaks HTTPS, `0` for plain HTTP. */
  tls: 'tls',
  /** The server's stable random id (kept in its data folder): tells servers apart across renames. */
  id: 'id',
  /** With TLS: the SHA-256 fingerprint of the server's public key, to compare before pinning. */
  fingerprint: 'fp',
} as const;

/** A server id: 32 lowercase hex digits (128 random bits). */
export const LanServerId = z.string().regex(/^[0-9a-f]{32}$/, { error: 'must be 32 lowercase hex digits' });

/** A TXT value must fit one DNS character-string (255 bytes) together with its `key=`. */
export const LAN_TXT_VALUE_MAX_BYTES = 240;

/** Text on one line: control characters and line or paragraph separators become spaces. */
const OneLine = z.string().transform((s) => s.replace(/[\p{Cc}\u2028\u2029]/gu, ' '));

/**
 * A TXT record as the desktop accepts it, from the `key → value` strings of the record (first
 * occurrence of each key). Anything else in the record is ignored; a record without a valid
 * `id`, `name`, `version`, `proto` and `tls` is not a Parley server.
 */
export const LanTxtRecord = z
  .object({
    [LanTxtKey.id]: LanServerId,
    [LanTxtKey.name]: OneLine.pipe(z.string().trim().min(1).max(64)),
    [LanTxtKey.version]: z.string().regex(/^[0-9A-Za-z.+-]{1,32}$/),
    [LanTxtKey.protocol]: z
      .string()
      .regex(/^[1-9][0-9]{0,3}$/)
      .transform(Number),
    [LanTxtKey.tls]: z.enum(['0', '1']).transform((v) => v === '1'),
    [LanTxtKey.fingerprint]: z
      .string()
      .regex(/^[A-Za-z0-9+/=:_-]{16,128}$/)
      .optional(),
  })
  .transform((t) => ({
    id: t[LanTxtKey.id],
    name: t[LanTxtKey.name],
    version: t[LanTxtKey.version],
    protocolVersion: t[LanTxtKey.protocol],
    tls: t[LanTxtKey.tls],
    fingerprint: t[LanTxtKey.fingerprint] ?? null,
  }));
export type LanTxtRecord = z.output<typeof LanTxtRecord>;

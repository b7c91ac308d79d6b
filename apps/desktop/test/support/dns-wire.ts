/*
 * A few DNS messages written byte by byte (RFC 1035 §4), for a hostile mDNS responder: well-formed
 * responses carrying bad content, and messages no decoder should accept. No library, so nothing
 * tidies up what we mean to send broken.
 */

const TYPE = { A: 1, PTR: 12, TXT: 16, AAAA: 28, SRV: 33 } as const;
const CLASS_IN = 1;
const CACHE_FLUSH = 0x8000;

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number) => Buffer.from([(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

/** A name as labels, without compression. Labels are not checked: a caller may send a bad one. */
export function name(dotted: string): Buffer {
  const labels = dotted.split('.').filter((l) => l !== '');
  return Buffer.concat([
    ...labels.flatMap((l) => [Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)]),
    Buffer.from([0]),
  ]);
}

export interface RecordOptions {
  ttl?: number;
  flush?: boolean;
}

function record(
  owner: string,
  type: number,
  rdata: Buffer,
  { ttl = 120, flush = false }: RecordOptions,
): Buffer {
  return Buffer.concat([
    name(owner),
    u16(type),
    u16(CLASS_IN | (flush ? CACHE_FLUSH : 0)),
    u32(ttl),
    u16(rdata.length),
    rdata,
  ]);
}

export const rr = {
  ptr: (owner: string, target: string, o: RecordOptions = {}) => record(owner, TYPE.PTR, name(target), o),
  srv: (owner: string, port: number, target: string, o: RecordOptions = {}) =>
    record(owner, TYPE.SRV, Buffer.concat([u16(0), u16(0), u16(port), name(target)]), o),
  /** TXT strings as given (each a string or raw bytes), each with its length byte. */
  txt: (owner: string, strings: (string | Buffer)[], o: RecordOptions = {}) =>
    record(
      owner,
      TYPE.TXT,
      Buffer.concat(
        strings.map((s) => {
          const b = typeof s === 'string' ? Buffer.from(s) : s;
          return Buffer.concat([Buffer.from([b.length]), b]);
        }),
      ),
      o,
    ),
  a: (owner: string, address: string, o: RecordOptions = {}) =>
    record(owner, TYPE.A, Buffer.from(address.split('.').map(Number)), o),
};

/** An authoritative response (QR and AA set) carrying these records as answers. */
export function response(answers: Buffer[], additionals: Buffer[] = []): Buffer {
  const header = Buffer.concat([
    u16(0),
    u16(0x8400),
    u16(0),
    u16(answers.length),
    u16(0),
    u16(additionals.length),
  ]);
  return Buffer.concat([header, ...answers, ...additionals]);
}

/** A response whose header promises records it does not hold. */
export function truncatedResponse(): Buffer {
  return Buffer.concat([u16(0), u16(0x8400), u16(0), u16(3), u16(0), u16(0)]);
}

/** A response whose only answer's name is a compression pointer to itself. */
export function pointerLoop(): Buffer {
  return Buffer.concat([
    u16(0),
    u16(0x8400),
    u16(0),
    u16(1),
    u16(0),
    u16(0),
    Buffer.from([0xc0, 12]),
    u16(1),
    u16(1),
    u32(60),
    u16(4),
    Buffer.from([10, 0, 0, 1]),
  ]);
}

/** A record whose rdata length runs past the end of the packet. */
export function overlongRdata(): Buffer {
  const r = rr.a('x.local', '10.0.0.1');
  r.writeUInt16BE(0xffff, r.length - 6);
  return response([r]);
}

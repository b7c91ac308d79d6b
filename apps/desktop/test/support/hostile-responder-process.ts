/*
 * A hostile mDNS responder (run inside a network namespace by lan-netns.test.ts):
 * `node --import tsx hostile-responder-process.ts <interface address>`. Sends, from port 5353 to
 * the mDNS group on that interface, packets no decoder accepts, well-formed answers with bad
 * content, a flood of instances, and last a few valid fake servers (two instances of one id, and
 * one whose records live 2 s and that never says goodbye). Prints {sent, twin, fleeting} (the
 * fake servers' ids) when done.
 */
import { createSocket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { name, overlongRdata, pointerLoop, response, rr, truncatedResponse } from './dns-wire.js';

const [address] = process.argv.slice(2);
if (!address) throw new Error('usage: hostile-responder-process.ts <interface address>');

const SERVICE = '_parley._tcp.local';
const GOOD_TXT = (id: string, serverName: string) => [
  `id=${id}`,
  `name=${serverName}`,
  'version=9.9.9',
  'proto=1',
  'tls=0',
];
/** One fake server: PTR, SRV, TXT and A, all with the same TTL. */
const fake = (instance: string, txt: (string | Buffer)[], ip: string, ttl = 120, port = 7400) => {
  const fqdn = `${instance}.${SERVICE}`;
  const host = `${instance.replace(/\W/g, '')}.local`;
  return response(
    [rr.ptr(SERVICE, fqdn, { ttl })],
    [rr.srv(fqdn, port, host, { ttl }), rr.txt(fqdn, txt, { ttl }), rr.a(host, ip, { ttl })],
  );
};

const TWIN_ID = 'a1'.repeat(16);
const FLEETING_ID = 'f0'.repeat(16);

const packets: Buffer[] = [
  Buffer.alloc(0),
  Buffer.from('definitely not DNS'),
  Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151) % 256)),
  truncatedResponse(),
  pointerLoop(),
  overlongRdata(),
  // A label longer than 63 bytes.
  response([
    Buffer.concat([
      name(`${'x'.repeat(70)}.local`),
      Buffer.from([0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1]),
    ]),
  ]),
  // Well-formed, but not a Parley server's TXT.
  fake('Bad No Id', ['name=No id', 'version=1.0.0', 'proto=1', 'tls=0'], '10.77.9.1'),
  fake('Bad Id', GOOD_TXT('../../etc/passwd', 'Bad id'), '10.77.9.2'),
  fake(
    'Bad Fields',
    ['id=' + 'b'.repeat(32), 'name=Bell\u0007', 'version=1.0.0', 'proto=abc', 'tls=yes'],
    '10.77.9.3',
  ),
  fake(
    'Bad Bytes',
    [
      Buffer.from([0x69, 0x64, 0x3d, 0xff, 0xfe]),
      Buffer.from([0x00, 0x01, 0x02]),
      '=novalue',
      'id=' + 'c'.repeat(32),
      'name=Twice',
    ],
    '10.77.9.4',
  ),
  fake('Bad Loopback', GOOD_TXT('d'.repeat(32), 'Bad loopback'), '127.0.0.1'),
  fake('Bad Port', GOOD_TXT('e'.repeat(32), 'Bad port'), '10.77.9.5', 120, 0),
  // TXT and SRV for an instance no PTR pointed to.
  response([
    rr.srv(`Bad Orphan.${SERVICE}`, 7400, 'orphan.local'),
    rr.txt(`Bad Orphan.${SERVICE}`, GOOD_TXT('9'.repeat(32), 'Bad orphan')),
  ]),
  // A flood of instances that never complete.
  ...Array.from({ length: 4 }, (_, k) =>
    response(Array.from({ length: 50 }, (__, i) => rr.ptr(SERVICE, `Bad Flood ${k * 50 + i}.${SERVICE}`))),
  ),
  // Valid: one server under two instance names, on two addresses nobody can reach.
  fake('Twin One', GOOD_TXT(TWIN_ID, 'Twin'), '10.77.9.10'),
  fake('Twin Two', GOOD_TXT(TWIN_ID, 'Twin'), '10.77.9.11'),
  // Valid, short-lived, and no goodbye.
  fake('Fleeting', GOOD_TXT(FLEETING_ID, 'Fleeting'), '10.77.9.12', 2),
];

const socket = createSocket({ type: 'udp4', reuseAddr: true });
await new Promise<void>((resolve) => socket.bind(5353, '0.0.0.0', resolve));
socket.setMulticastInterface(address);
// Each packet three times: multicast on a veth is reliable, but nothing here depends on one send.
for (let round = 0; round < 3; round++) {
  for (const p of packets) {
    await new Promise<void>((resolve) => {
      socket.send(p, 5353, '224.0.0.251', () => resolve());
    });
  }
  await sleep(100);
}
socket.close();
process.stdout.write(`${JSON.stringify({ sent: true, twin: TWIN_ID, fleeting: FLEETING_ID })}\n`);

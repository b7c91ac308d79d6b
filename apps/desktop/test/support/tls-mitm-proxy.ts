import { issueCertificate } from '@parley/server';
import { X509Certificate } from 'node:crypto';
import { connect as netConnect, createServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import { publicKeyFingerprint } from '../../src/core/tls/fingerprint.js';

/**
 * A man in the middle on loopback, in front of a Parley server that speaks HTTPS. In `pass` mode it
 * only relays TCP, so clients see the real server and its key (and can pin it there). In `intercept`
 * mode it ends TLS itself with a key of its own, records every byte it decrypts from clients, and
 * relays them to the real server over a TLS connection of its own: what an attacker on the network
 * would read if a client went ahead despite the other key.
 */
export class TlsMitmProxy {
  mode: 'pass' | 'intercept' = 'pass';
  /** Connections the proxy answered with its own key. */
  intercepted = 0;
  private readonly decrypted: Buffer[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The fingerprint of the proxy's own key, as pins hold them. */
    readonly fingerprint: string,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TlsMitmProxy> {
    const own = await issueCertificate({
      commonName: 'Not the Parley server',
      ipAddresses: ['127.0.0.1'],
      dnsNames: ['localhost'],
      validDays: 1,
    });
    const fingerprint = publicKeyFingerprint(new X509Certificate(own.certificatePem));

    const tls = createTlsServer({ cert: own.certificatePem, key: own.keyPem });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy did not bind');
    const proxy = new TlsMitmProxy(server, `https://127.0.0.1:${address.port}`, fingerprint);

    server.on('connection', (client) => {
      proxy.track(client);
      if (proxy.mode === 'intercept') {
        proxy.intercepted += 1;
        tls.emit('connection', client);
        return;
      }
      const upstream = netConnect(target.port, target.host);
      proxy.track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    tls.on('secureConnection', (client) => {
      const upstream = tlsConnect({ host: target.host, port: target.port, rejectUnauthorized: false });
      proxy.track(upstream);
      client.on('data', (chunk: Buffer) => {
        proxy.decrypted.push(Buffer.from(chunk));
        upstream.write(chunk);
      });
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    tls.on('tlsClientError', () => undefined);
    return proxy;
  }

  /** Every byte clients sent that the proxy could read (intercepted connections only). */
  received(): Buffer {
    return Buffer.concat(this.decrypted);
  }

  /** Ends every open connection, so clients connect again (and meet the current mode). */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}

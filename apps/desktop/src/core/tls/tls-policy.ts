import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, rootCertificates, type TLSSocket } from 'node:tls';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { originOf, publicKeyFingerprint } from './fingerprint.js';
import type { PinStore } from './pin-store.js';
import { TlsRefusal } from './tls-refusal.js';

export interface TlsPolicyOptions {
  pins: PinStore;
  /** Certificate authorities to trust besides the system's (PEM); tests make their own. */
  extraCa?: readonly string[];
  /** How long a TCP connect and TLS handshake may take (10 s). */
  connectTimeoutMs?: number;
}

/** What a handshake showed about the server. */
export interface ServerKey {
  /** The SHA-256 fingerprint of the public key it presented. */
  fingerprint: string;
  /** Whether a CA this machine trusts vouches for the certificate, for this host name. */
  caTrusted: boolean;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * The one rule for every HTTPS connection the core makes (REST, Socket.IO, tus uploads,
 * downloads): a certificate that a trusted CA signed for the host is trusted; otherwise the public
 * key's SHA-256 must equal the one pinned for the server's origin. The check runs when the TLS
 * handshake completes and before the socket is handed to the HTTP client, so a refused server
 * never receives a request line, a header (no Authorization) or a body: the connection fails with
 * a TlsRefusal instead.
 *
 * `fetch` (undici, with this rule as its connector) serves REST and downloads; `agent` (an
 * https.Agent whose sockets come from the same rule) serves Socket.IO's WebSocket and tus.
 */
export class TlsPolicy {
  /** For clients built on node:https (ws under Socket.IO, tus-js-client). */
  readonly agent: HttpsAgent;
  private readonly dispatcher: UndiciAgent;
  private readonly ca: string[] | undefined;

  constructor(
    private readonly options: TlsPolicyOptions,
    /** One key accepted for one origin besides the pins (to read a server's public details before trusting it). */
    private readonly accepted: { origin: string; fingerprint: string } | null = null,
  ) {
    this.ca = options.extraCa?.length ? [...rootCertificates, ...options.extraCa] : undefined;
    this.dispatcher = new UndiciAgent({
      connect: (o, callback) => {
        this.open({ host: o.hostname, port: Number(o.port) || 443 }).then(
          (socket) => {
            callback(null, socket);
          },
          (err: unknown) => {
            callback(err as Error, null);
          },
        );
      },
    });
    this.agent = new PolicyAgent(this);
  }

  get pins(): PinStore {
    return this.options.pins;
  }

  /** fetch() for any URL: plain HTTP as usual, HTTPS through this policy. */
  readonly fetch: Fetch = (url, init = {}) => {
    if (!url.startsWith('https:')) return fetch(url, init);
    // undici's own fetch with its own Agent: the versions always match, whatever Node's built-in is.
    return undiciFetch(url, {
      ...init,
      dispatcher: this.dispatcher,
    } as never) as unknown as Promise<Response>;
  };

  /** The same rule, and also `fingerprint` for `url`'s server: to read its health before the user decides. */
  accepting(url: string, fingerprint: string): TlsPolicy {
    return new TlsPolicy(this.options, { origin: originOf(url), fingerprint });
  }

  /** The key an HTTPS server presents, from a handshake alone: nothing is sent over it. */
  async serverKey(url: string): Promise<ServerKey> {
    const { hostname, port } = new URL(url);
    const socket = await this.handshake({ host: hostname, port: Number(port) || 443 });
    try {
      const fingerprint = peerFingerprint(socket);
      if (fingerprint === null) throw new Error(`${originOf(url)} presented no certificate`);
      return { fingerprint, caTrusted: socket.authorized };
    } finally {
      socket.destroy();
    }
  }

  /** Whether a connection to `origin` may be used: null if so, else why not. */
  judge(origin: string, socket: TLSSocket): TlsRefusal | null {
    if (socket.authorized) return null;
    const fingerprint = peerFingerprint(socket) ?? '';
    if (this.accepted?.origin === origin && this.accepted.fingerprint === fingerprint) return null;
    const pinned = this.options.pins.get(origin);
    if (pinned !== null && pinned === fingerprint) return null;
    return new TlsRefusal(pinned === null ? 'TLS_UNTRUSTED' : 'TLS_KEY_CHANGED', origin, fingerprint, pinned);
  }

  /** A TLS connection that passed the rule, or a TlsRefusal (or the network's error). */
  async open(target: { host: string; port: number }): Promise<TLSSocket> {
    const socket = await this.handshake(target);
    const refusal = this.judge(originOf(`https://${hostForUrl(target.host)}:${target.port}`), socket);
    if (refusal) {
      socket.destroy();
      throw refusal;
    }
    return socket;
  }

  /** Frees the connections kept alive. */
  close(): void {
    this.agent.destroy();
    void this.dispatcher.close().catch(() => undefined);
  }

  /**
   * Connects and completes the handshake without judging: Node checks the chain and the host name
   * (`authorized`), but a failure only marks the socket, so the pin can decide.
   */
  private handshake(target: { host: string; port: number }): Promise<TLSSocket> {
    const host = target.host.replace(/^\[(.*)\]$/, '$1');
    return new Promise((resolve, reject) => {
      const socket = connect({
        host,
        port: target.port,
        // SNI takes names only, never addresses.
        ...(isIP(host) === 0 ? { servername: host } : {}),
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
        ...(this.ca ? { ca: this.ca } : {}),
      });
      const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
      const timer = setTimeout(() => {
        socket.destroy(new Error(`no TLS connection to ${host}:${target.port} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      timer.unref();
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }
}

/** An https.Agent whose connections come from the policy: a refused one fails the request before it is written. */
class PolicyAgent extends HttpsAgent {
  constructor(private readonly policy: TlsPolicy) {
    super({ keepAlive: true });
  }

  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = options.host ?? options.hostname ?? 'localhost';
    const port = Number(options.port) || 443;
    this.policy.open({ host, port }).then(
      (socket) => callback?.(null, socket),
      (err: unknown) => callback?.(err as Error, undefined as never),
    );
    // Node's Agent waits for the callback when no socket is returned.
    return undefined;
  }
}

function peerFingerprint(socket: TLSSocket): string | null {
  const cert = socket.getPeerX509Certificate();
  return cert ? publicKeyFingerprint(cert) : null;
}

function hostForUrl(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

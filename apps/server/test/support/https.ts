import { request } from 'node:https';
import { TLSSocket } from 'node:tls';
import { publicKeyFingerprint } from '../../src/tls/server-tls.js';

export interface HttpsAnswer<T> {
  status: number;
  body: T;
  /** The fingerprint of the public key the server presented in the handshake. */
  presented: string;
}

/**
 * A JSON request over HTTPS that trusts only `ca` (a CA's certificate, or a self-signed server's
 * own), with Node's full verification (chain and host name): what a strict client sees.
 */
export function httpsJson<T = unknown>(
  url: string,
  path: string,
  ca: string,
  init: { method?: string; body?: unknown } = {},
): Promise<HttpsAnswer<T>> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url + path,
      {
        ca,
        agent: false,
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const peer = res.socket instanceof TLSSocket ? res.socket.getPeerX509Certificate() : undefined;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : undefined) as T,
            presented: peer ? publicKeyFingerprint(peer) : '',
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

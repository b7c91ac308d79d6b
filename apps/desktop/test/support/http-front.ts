import { createServer, type IncomingMessage, request } from 'node:http';
import { connect } from 'node:net';

/** What the front answers itself instead of passing a request on. */
export interface FrontAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A reverse proxy in front of a Parley server, as nginx would be: passes every request and WebSocket
 * upgrade on, except those `refuse` answers itself (say, a 413 page for a body over its limit).
 */
export class HttpFront {
  refuse: (req: IncomingMessage) => FrontAnswer | null = () => null;
  /** Requests the front answered itself. */
  readonly refused: string[] = [];

  private constructor(
    private readonly close_: () => Promise<void>,
    readonly url: string,
  ) {}

  static async start(target: { host: string; port: number }): Promise<HttpFront> {
    const server = createServer();
    const front: HttpFront = await new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        if (address === null || typeof address === 'string') throw new Error('front did not bind');
        resolve(
          new HttpFront(
            () =>
              new Promise<void>((done) => {
                server.close(() => done());
                server.closeAllConnections();
              }),
            `http://127.0.0.1:${address.port}`,
          ),
        );
      });
    });
    server.on('request', (req, res) => {
      const answer = front.refuse(req);
      if (answer) {
        front.refused.push(`${req.method} ${req.url}`);
        res.writeHead(answer.status, { 'content-type': answer.contentType, connection: 'close' });
        res.end(answer.body);
        req.resume();
        return;
      }
      const upstream = request(
        { host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.rawHeaders);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    server.on('upgrade', (req, socket, head) => {
      const upstream = connect(target.port, target.host, () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    return front;
  }

  close(): Promise<void> {
    return this.close_();
  }
}

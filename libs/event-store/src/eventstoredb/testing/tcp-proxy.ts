/**
 * A TCP proxy in front of the EventStoreDB stand-in that can drop every connection through it at
 * once, with a TCP reset: what the client sees when a network path or a node dies, as opposed to
 * a status the server chose to send.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { Endpoint } from './messages';

export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((downstream) => this.forward(downstream));
  private accepted = 0;
  private port = 0;

  private constructor(private readonly target: Endpoint) {}

  static async start(target: Endpoint): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy did not get a TCP port');
    proxy.port = address.port;
    return proxy;
  }

  get endpoint(): Endpoint {
    return { host: '127.0.0.1', port: this.port };
  }

  /** Connections accepted so far: a client that reconnected made a new one. */
  get connections(): number {
    return this.accepted;
  }

  /** Resets every open connection, both sides. New connections are accepted as before. */
  dropConnections(): void {
    for (const socket of [...this.sockets]) socket.resetAndDestroy();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(downstream: Socket): void {
    this.accepted++;
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [downstream, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      // A reset on one side is passed on to the other.
      socket.on('error', () => {
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream).pipe(downstream);
  }
}

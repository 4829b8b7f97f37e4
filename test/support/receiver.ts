import { createServer, IncomingMessage, Server } from 'node:http';

/** A receiver that refuses the first `failures` deliveries, then keeps what it gets. */
export class Receiver {
  readonly received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  private waiting: Array<{ count: number; resolve: () => void }> = [];
  private server!: Server;
  url!: string;

  constructor(private failures: number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (this.failures > 0) {
          this.failures--;
          res.writeHead(503).end();
          return;
        }
        this.received.push({ headers: req.headers, body });
        res.writeHead(204).end();
        this.waiting = this.waiting.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks/attendance`;
  }

  receivedCount(count: number): Promise<void> {
    return this.received.length >= count ? Promise.resolve() : new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

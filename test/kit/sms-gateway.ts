import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  text: string;
  authorization: string | undefined;
}

/**
 * A real HTTP server on 127.0.0.1 playing the municipality's SMS gateway: it answers each
 * POST with what `refuse` says — a status such as 503 (try later) or 400 (never) — or
 * 202 and keeps the SMS in `received`. Bro's gateway adapter talks HTTP to it over TCP.
 */
export class TestSmsGateway {
  readonly received: ReceivedSms[] = [];
  refuse: { next: number[]; always?: number } = { next: [] };
  attempts = 0;
  private port = 0;
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  static async start(): Promise<TestSmsGateway> {
    const self = new TestSmsGateway();
    await new Promise<void>((resolve, reject) => {
      self.server.once('error', reject);
      self.server.listen(0, '127.0.0.1', () => resolve());
    });
    self.port = (self.server.address() as AddressInfo).port;
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/sms`;
  }

  /** The SMS sent to this number. */
  to(phone: string): ReceivedSms[] {
    return this.received.filter((s) => s.to === phone);
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.attempts += 1;
    const code = this.refuse.next.shift() ?? this.refuse.always;
    if (code) {
      res.writeHead(code, { 'content-type': 'text/plain' }).end('refused');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
    this.received.push({ to: body.to, text: body.text, authorization: req.headers.authorization });
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
  }
}

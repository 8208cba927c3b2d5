import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) for delivery tests: it
 * answers MAIL FROM with what `refuse` says — a reply code such as 451 (try later) or
 * 550 (never) — or accepts and keeps the mail in `received`. Nothing is mocked: Bro's
 * nodemailer transport talks SMTP to it over TCP.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Reply codes for the next sessions, one per attempt; `always` refuses every one. */
  refuse: { next: number[]; always?: number } = { next: [] };
  /** Every MAIL FROM it was sent, refused or not. */
  attempts = 0;
  port = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onMailFrom: (_address, _session, callback) => {
      this.attempts += 1;
      const code = this.refuse.next.shift() ?? this.refuse.always;
      if (code) return callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });

  static async start(): Promise<TestSmtpServer> {
    const self = new TestSmtpServer();
    const listening = self.server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.once('listening', () => resolve());
    });
    self.port = (listening.address() as AddressInfo).port;
    return self;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The mails whose text mentions `needle` (e.g. a referral id). */
  mailsAbout(needle: string): ReceivedMail[] {
    return this.received.filter((m) => m.raw.includes(needle));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

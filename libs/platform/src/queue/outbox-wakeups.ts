import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_CHANNEL } from './outbox';

/**
 * LISTENs for outbox NOTIFYs on a dedicated connection and calls `onWake`. If the
 * connection drops (PostgreSQL restarts) it reconnects with backoff; meanwhile the
 * relay's polling still moves every row, only less promptly. Another `channel` serves
 * other listeners (the api's user cache): `onWake` gets each notification's payload,
 * and no payload once LISTEN is (again) in place — whatever was sent while not
 * listening is lost.
 */
export class OutboxWakeups {
  private readonly logger = new Logger(OutboxWakeups.name);
  private client?: Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private listeningNow = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onWake: (payload?: string) => void,
    private readonly channel: string = OUTBOX_CHANNEL,
  ) {}

  start(): void {
    void this.connect();
  }

  /** LISTEN is in place: a commit from now on wakes the relay. */
  get listening(): boolean {
    return this.listeningNow;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: `bro-listener-${this.channel}` });
    this.client = client;
    client.on('notification', (n) => this.onWake(n.payload));
    client.on('error', () => this.retry(client));
    client.on('end', () => this.retry(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.failures = 0;
      this.listeningNow = true;
      this.onWake(); // rows may have been written while we were not listening
    } catch {
      this.retry(client);
    }
  }

  private retry(client: Client): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    this.listeningNow = false;
    client.end().catch(() => undefined);
    this.failures += 1;
    if (this.failures === 1) this.logger.warn(`listener on ${this.channel} lost its connection; retrying`);
    this.retryTimer = setTimeout(() => void this.connect(), Math.min(250 * 2 ** this.failures, 10_000));
    this.retryTimer.unref();
  }
}

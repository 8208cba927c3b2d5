import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, bullConnection, OnJob, OutboxRelay, OutboxWakeups, OwnedQueue, QUEUE_NAMES, QueueName } from '@bro/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** How long a done outbox row is kept for inspection. */
const OUTBOX_KEEP_DAYS = 7;

/**
 * Runs the outbox relay in the worker, woken by NOTIFY at each commit and polling as
 * a fallback. Its producers fail fast while Redis is away
 * (no offline queue), so the relay backs off instead of piling up commands; it is
 * stopped first on shutdown, before the workers and the database pool.
 */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** One fail-fast producer per queue; the queue monitor reads depth through them too. */
  readonly producers: ReadonlyMap<QueueName, Queue>;
  readonly relay: OutboxRelay;
  private readonly wakeups: OutboxWakeups;
  private recoveryTimer?: NodeJS.Timeout;
  private readonly lostAfterMs: number;

  constructor(@InjectDataSource() dataSource: DataSource, config: AppConfig) {
    this.producers = new Map(
      QUEUE_NAMES.map((name) => [
        name,
        new OwnedQueue(name, {
          connection: bullConnection(config, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
          prefix: config.QUEUE_PREFIX,
        }),
      ]),
    );
    for (const queue of this.producers.values()) queue.on('error', () => undefined); // the relay reports failures itself
    this.relay = new OutboxRelay(dataSource, this.producers, {
      batchSize: 100,
      pollMs: config.OUTBOX_POLL_MS,
      maxBackoffMs: 5_000,
      minGapMs: 15,
    });
    this.wakeups = new OutboxWakeups(config.DATABASE_URL, () => this.relay.wake());
    this.lostAfterMs = config.OUTBOX_LOST_AFTER_MS;
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.wakeups.start();
    // Jobs Redis lost after they were relayed go back to the relay (see OutboxRelay.recoverLost).
    // Looked for four times per OUTBOX_LOST_AFTER_MS, at most every 30 s.
    this.recoveryTimer = setInterval(
      () => {
        this.relay.recoverLost(this.lostAfterMs).catch(() => undefined);
      },
      Math.min(30_000, this.lostAfterMs / 4),
    ).unref();
  }

  /** Periodic: the ledger forgets rows whose job completed a week ago (idempotent). */
  @OnJob('maintenance.prune-outbox')
  async pruneOutbox(): Promise<{ pruned: number }> {
    return { pruned: await this.relay.prune(OUTBOX_KEEP_DAYS) };
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.recoveryTimer);
    await this.wakeups.stop();
    await this.relay.stop();
    await Promise.all([...this.producers.values()].map((q) => q.close()));
  }
}

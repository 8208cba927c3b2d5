import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { idempotency, OnJob } from '@bro/platform';
import { DataSource } from 'typeorm';

/** How long an Idempotency-Key answers a retry: a client retries within minutes; a week is ample. */
export const IDEMPOTENCY_KEEP_DAYS = 7;
const BATCH = 5_000;

/**
 * `maintenance.prune-idempotency-keys`: the platform's Idempotency-Key records are
 * forgotten after a week, as the outbox ledger is (`maintenance.prune-outbox`), so the
 * table does not grow with every referral ever sent. In batches, so no long lock.
 */
@Injectable()
export class PruneIdempotencyKeysJob {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnJob('maintenance.prune-idempotency-keys')
  async prune(): Promise<{ pruned: number }> {
    let pruned = 0;
    for (;;) {
      const deleted = await idempotency.pruneBatch(this.dataSource.manager, IDEMPOTENCY_KEEP_DAYS, BATCH);
      pruned += deleted;
      if (deleted < BATCH) return { pruned };
    }
  }
}

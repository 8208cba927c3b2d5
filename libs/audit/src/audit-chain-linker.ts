import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { AuditRepository } from './audit.repository';

/** Rows linked in one transaction: one head lock and one disk flush for all of them. */
const BATCH = 1000;

/**
 * Links audit rows into their municipality's chain just after they commit (ADR 0042).
 * Runs in every worker; several at once take disjoint rows. A row waits at most about
 * `everyMs` (plus a batch's time under load). When PostgreSQL is away it backs off and
 * tries again; it never exits until stopped.
 */
export class AuditChainLinker {
  private readonly logger = new Logger(AuditChainLinker.name);
  private readonly abort = new AbortController();
  private readonly audit: AuditRepository;
  private running?: Promise<void>;
  private failures = 0;

  constructor(
    dataSource: DataSource,
    private readonly everyMs: number,
  ) {
    this.audit = new AuditRepository(dataSource);
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      let delay = this.everyMs;
      try {
        if ((await this.audit.linkPending(BATCH)) === BATCH) delay = 0;
        this.failures = 0;
      } catch (err) {
        this.failures += 1;
        delay = Math.min(this.everyMs * 2 ** this.failures, 10_000);
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(
            `audit chain linking failed (${this.failures}×), retrying in ${delay} ms: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      if (delay > 0) await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }
}

/** Links every pending audit row now (verification tests, anchoring): what was written before is in the chain after. */
export async function linkPendingAudit(dataSource: DataSource): Promise<number> {
  const audit = new AuditRepository(dataSource);
  let total = 0;
  for (;;) {
    const linked = await audit.linkPending(BATCH);
    total += linked;
    if (linked < BATCH) return total;
  }
}

import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { JOBS, JOB_NAMES, QueueName } from './jobs';
import { OutboxRepository, type OutboxRow } from './outbox.repository';

/** Done marks wait at most this long, or until this many have gathered. */
const DONE_DELAY_MS = 100;
const DONE_BATCH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface RelayOptions {
  batchSize: number;
  pollMs: number;
  maxBackoffMs: number;
  /** Least time between two passes, so a burst of commits is relayed in batches, not one by one. */
  minGapMs?: number;
  /** A busy relay's lease (ADR 0042), renewed while rows keep coming; 2 s unless given. */
  leaseMs?: number;
  /** A busy relay that has moved nothing for this long gives its lease back and sleeps on NOTIFY; 500 ms unless given. */
  idleAfterMs?: number;
}

/** How often a relay holding a lease looks, counting `minGapMs`: no NOTIFY wakes it then. */
const BUSY_POLL_MS = 15;

/**
 * Moves committed outbox rows onto BullMQ.
 *
 * Guarantees: a row is marked relayed only after BullMQ has accepted its job; the job
 * id is the row id, so relaying a row twice (crash between add and commit) adds one
 * job while the first still exists, and otherwise a second delivery, which handlers
 * absorb because they are idempotent. Several relays may run at once: rows are
 * claimed with FOR UPDATE SKIP LOCKED. When Redis or PostgreSQL is away the loop
 * backs off and tries again; it never exits until stopped.
 *
 * Woken by NOTIFY while idle, by looking every few milliseconds while busy (ADR 0042):
 * once a pass moves rows the relay holds a lease in `outbox_relay_lease`, and the writers
 * send no NOTIFY while any lease is alive. Half a second without rows, it gives the lease
 * back, looks once more (a writer that saw the lease may have committed since), and
 * sleeps. A lease left by a relay that died runs out by itself.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly abort = new AbortController();
  private nap?: AbortController;
  private running?: Promise<void>;
  private consecutiveFailures = 0;
  /** A wake arrived since the current pass began: its rows may have committed after the pass looked. */
  private woken = false;
  private sleeping = false;
  relayedTotal = 0;
  /** Completed jobs whose rows are marked done together, one UPDATE a few milliseconds later. */
  private readonly toMarkDone = new Set<string>();
  private markTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly outbox: OutboxRepository;
  private readonly relayId = randomUUID();
  /** When this relay's lease runs out (performance.now()); 0: it holds none. */
  private leaseUntil = 0;
  private lastMovedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: ReadonlyMap<QueueName, Queue>,
    private readonly options: RelayOptions,
  ) {
    this.outbox = new OutboxRepository(dataSource);
  }

  start(): void {
    this.running ??= this.loop();
  }

  /**
   * Cuts the current wait short: there is new work (a NOTIFY arrived). A wake during a
   * pass is remembered, so the loop goes round again instead of sleeping through rows
   * committed after the pass looked.
   */
  wake(): void {
    this.woken = true;
    this.nap?.abort();
  }

  /** Waiting for a wake or its next poll, between passes. */
  get napping(): boolean {
    return this.sleeping;
  }

  /** Passes that failed in a row (0 once one succeeds). */
  get failuresInARow(): number {
    return this.consecutiveFailures;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.stopped = true;
    if (this.leaseUntil > 0) await this.outbox.releaseLease(this.relayId).catch(() => undefined);
    await this.flushDone();
  }

  /** Holding a lease: busy, looking every few milliseconds, no NOTIFY expected. */
  get busy(): boolean {
    return this.leaseUntil > 0;
  }

  /**
   * After a pass: rows moved → hold (or renew, at half time) the lease; a busy relay that
   * moved nothing for `idleAfterMs` → give it back. Returns the wait before the next pass.
   */
  private async paceAfter(moved: number, delay: number): Promise<number> {
    const now = performance.now();
    const leaseMs = this.options.leaseMs ?? 2_000;
    if (moved > 0) {
      this.lastMovedAt = now;
      if (this.leaseUntil - now < leaseMs / 2) {
        await this.outbox.holdLease(this.relayId, leaseMs);
        this.leaseUntil = now + leaseMs;
      }
    } else if (this.busy && now - this.lastMovedAt >= (this.options.idleAfterMs ?? 500)) {
      await this.outbox.releaseLease(this.relayId);
      this.leaseUntil = 0;
      return 0; // one more look before sleeping: rows committed by writers that still saw the lease
    }
    return this.busy ? Math.min(delay, Math.max(0, BUSY_POLL_MS - (this.options.minGapMs ?? 0))) : delay;
  }

  /** Relays one batch; returns how many rows it moved. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.outbox.claimUnrelayed(manager, this.options.batchSize, JOB_NAMES);
      if (rows.length === 0) return 0;

      const byQueue = new Map<QueueName, OutboxRow[]>();
      for (const row of rows) {
        const queue = JOBS[row.job_name].queue;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
      }
      for (const [queueName, queueRows] of byQueue) {
        const queue = this.queues.get(queueName);
        if (!queue) throw new Error(`outbox relay: no producer for queue ${queueName}`);
        await queue.addBulk(
          queueRows.map((row) => ({
            name: row.job_name,
            data: row.payload,
            opts: { ...JOBS[row.job_name].options, jobId: row.id },
          })),
        );
      }
      await this.outbox.markRelayed(
        manager,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  /**
   * Marks the row of a completed job done a moment later, together with the others that
   * completed meanwhile: one statement and one commit for up to `DONE_BATCH` jobs
   * instead of one each. A mark lost with the process (or a failed UPDATE) is made by
   * `recoverLost`, which finds the job completed in Redis.
   */
  markDoneSoon(jobId: string | undefined): void {
    if (!jobId || !UUID.test(jobId)) return;
    this.toMarkDone.add(jobId);
    if (this.stopped || this.toMarkDone.size >= DONE_BATCH) void this.flushDone();
    else this.markTimer ??= setTimeout(() => void this.flushDone(), DONE_DELAY_MS);
  }

  private async flushDone(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    if (this.toMarkDone.size === 0) return;
    const ids = [...this.toMarkDone];
    this.toMarkDone.clear();
    await this.outbox
      .markDone(ids)
      .catch((err: unknown) => this.logger.warn(`could not mark ${ids.length} outbox rows done (the recovery will): ${String(err)}`));
  }

  /** Marks the outbox row a completed job came from (job id = row id; other ids match nothing). */
  async markDone(jobId: string | undefined): Promise<void> {
    if (!jobId || !UUID.test(jobId)) return;
    await this.outbox.markDone([jobId]);
  }

  /** Marks the outbox row of a job that failed for good, so it no longer counts as lag (its case is marked for coordinators). */
  async markFailed(jobId: string | undefined): Promise<void> {
    if (!jobId || !UUID.test(jobId)) return;
    await this.outbox.markFailed([jobId]);
  }

  /**
   * Rows relayed more than `olderThanMs` ago (and within the last day) whose job has
   * not completed and is no longer in Redis — lost with a flush or an empty restart —
   * are put back in line for the relay. A job that failed for good is still in Redis
   * (failed jobs are kept), so it is not sent again. A job Redis holds as completed
   * whose row was never marked done (the worker died between completing it and the
   * `completed` event's update) gets its row marked done now. Returns how many rows
   * were reset. A job Redis holds as failed for good gets its row marked failed (the
   * worker died before its `failed` listener did it).
   */
  async recoverLost(olderThanMs: number): Promise<number> {
    const rows = await this.outbox.relayedNotDone(olderThanMs, JOB_NAMES);
    const lost: string[] = [];
    const completed: string[] = [];
    const failed: string[] = [];
    for (const row of rows) {
      const queue = this.queues.get(JOBS[row.job_name].queue);
      if (!queue) continue;
      const job = await queue.getJob(row.id);
      if (!job) lost.push(row.id);
      else if (await job.isCompleted()) completed.push(row.id);
      else if (await job.isFailed()) failed.push(row.id); // for good: a retry waits in `delayed`, not `failed`
    }
    if (failed.length) await this.outbox.markFailed(failed);
    if (lost.length) await this.outbox.markUnrelayed(lost);
    if (completed.length) await this.outbox.markDone(completed);
    return lost.length;
  }

  /** Deletes rows whose job completed more than `days` ago, in batches. Returns how many went. */
  async prune(days: number): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.outbox.pruneBatch(days, 5000);
      total += deleted;
      if (deleted < 5000) return total;
    }
  }

  private async loop(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      let delay = this.options.pollMs;
      this.woken = false;
      try {
        const moved = await this.relayBatch();
        this.relayedTotal += moved;
        if (this.consecutiveFailures > 0) this.logger.log(`outbox relay recovered after ${this.consecutiveFailures} failed attempts`);
        this.consecutiveFailures = 0;
        if (moved === this.options.batchSize) delay = 0;
        delay = await this.paceAfter(moved, delay);
      } catch (err) {
        this.consecutiveFailures += 1;
        delay = Math.min(this.options.pollMs * 2 ** this.consecutiveFailures, this.options.maxBackoffMs);
        // The message only: payloads and SQL parameters stay out of the log.
        const message = err instanceof Error ? err.message : String(err);
        if (this.consecutiveFailures === 1 || this.consecutiveFailures % 20 === 0) {
          this.logger.warn(`outbox relay failed (${this.consecutiveFailures}×), retrying in ${delay} ms: ${message}`);
        }
      }
      if (this.options.minGapMs) await sleep(this.options.minGapMs, undefined, { signal }).catch(() => undefined);
      if (delay > 0 && !this.woken) {
        this.nap = new AbortController();
        this.sleeping = true;
        await sleep(delay, undefined, { signal: AbortSignal.any([signal, this.nap.signal]) }).catch(() => undefined);
        this.sleeping = false;
      }
    }
  }
}

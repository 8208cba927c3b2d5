import { Logger } from '@nestjs/common';
import { Queue, QueueOptions, Worker, WorkerOptions } from 'bullmq';
import type { Cluster } from 'ioredis';
import { isClusterSpec, openCluster } from './redis-options';

/**
 * Queue and Worker classes that listen for their own connection errors from the
 * moment they exist. BullMQ connects as soon as a queue is constructed and prints
 * any error that has no listener; a listener added later (in a lifecycle hook) misses
 * the first ones. An outage is logged once a minute per process.
 */
const logger = new Logger('Queues');
let lastLogged = 0;

function report(err: Error): void {
  const now = Date.now();
  if (now - lastLogged < 60_000) return;
  lastLogged = now;
  logger.warn(`Redis connection problem (repeats are muted for a minute): ${err.message}`);
}

/** Opens the Cluster a cluster spec describes (see bullConnection); single-server options pass through. */
function open<O extends { connection?: unknown }>(opts: O): { opts: O; cluster?: Cluster } {
  if (!isClusterSpec(opts.connection)) return { opts };
  const cluster = openCluster(opts.connection);
  return { opts: { ...opts, connection: cluster }, cluster };
}

/**
 * A queue that owns its connection also on Redis Cluster: BullMQ never closes a
 * Cluster instance it was given, so this one does, after BullMQ has closed.
 */
export class OwnedQueue extends Queue {
  private readonly cluster?: Cluster;

  constructor(name: string, opts?: QueueOptions) {
    const opened = open(opts ?? ({} as QueueOptions));
    super(name, opened.opts);
    this.cluster = opened.cluster;
  }

  override async close(): Promise<void> {
    await super.close();
    this.cluster?.disconnect();
  }
}

export class ReportingQueue extends OwnedQueue {
  constructor(name: string, opts?: QueueOptions) {
    super(name, opts);
    this.on('error', report);
  }
}

/**
 * Lock and stall settings every worker gets (JOB_LOCK_MS), set by QueueModule from the
 * configuration before the workers are made: @nestjs/bullmq passes workers only the
 * options of a static decorator.
 */
export const workerLockDefaults: { lockDuration?: number; stalledInterval?: number; maxStalledCount?: number } = {};

export class ReportingWorker extends Worker {
  private readonly cluster?: Cluster;

  constructor(name: string, processor: ConstructorParameters<typeof Worker>[1], opts: WorkerOptions) {
    const opened = open(opts);
    super(name, processor, { ...workerLockDefaults, ...opened.opts });
    this.cluster = opened.cluster;
    this.on('error', report);
  }

  override async close(force?: boolean): Promise<void> {
    await super.close(force);
    this.cluster?.disconnect();
  }
}

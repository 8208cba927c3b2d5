import { Logger } from '@nestjs/common';
import { Queue, Worker, WorkerOptions } from 'bullmq';

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

export class ReportingQueue extends Queue {
  constructor(...args: ConstructorParameters<typeof Queue>) {
    super(...args);
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
  constructor(name: string, processor: ConstructorParameters<typeof Worker>[1], opts: WorkerOptions) {
    super(name, processor, { ...workerLockDefaults, ...opts });
    this.on('error', report);
  }
}

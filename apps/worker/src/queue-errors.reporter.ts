import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EventEmitter } from 'node:events';
import { JOB_PROCESSORS, JobHandlerSet } from './processors/job-handler';

/**
 * Listens for connection errors on every queue and worker. Without a listener BullMQ
 * prints each reconnect failure to stderr; here an outage is logged once a minute.
 * Queue listeners are attached in the constructor: queues connect as soon as they
 * are created, before any lifecycle hook runs.
 */
@Injectable()
export class QueueErrorsReporter implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private lastLogged = 0;

  constructor(
    @InjectQueue('matching') matching: Queue,
    @InjectQueue('follow-up') followUp: Queue,
    @InjectQueue('notification') notification: Queue,
    @InjectQueue('maintenance') maintenance: Queue,
    @Inject(JOB_PROCESSORS) private readonly processors: (JobHandlerSet & { worker?: EventEmitter })[],
  ) {
    for (const queue of [matching, followUp, notification, maintenance]) this.listen(queue);
  }

  /** Workers exist once the processors are bound, which is after construction. */
  onModuleInit(): void {
    for (const p of this.processors) if (p.worker) this.listen(p.worker);
  }

  private listen(emitter: EventEmitter): void {
    emitter.on('error', (err: Error) => this.report(err));
  }

  private report(err: Error): void {
    const now = Date.now();
    if (now - this.lastLogged < 60_000) return;
    this.lastLogged = now;
    this.logger.warn(`Redis connection problem (repeats are muted for a minute): ${err.message}`);
  }
}

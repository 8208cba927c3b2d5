import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { enqueue, JobContext, JOBS, Metrics, QueueName } from '@bro/platform';
import type { Job, Queue } from 'bullmq';
import { FaultInjector } from './fault-injector';
import { JobHandlers } from './job-handlers';

/**
 * What every queue's processor does with a job, written once: the fault hook first
 * (test-only, ADR 0011), then the discovered handler with its context, then the metric.
 * A thrown error goes back to BullMQ, which retries with the registry's backoff; the
 * worker module counts failures and marks the case after the last attempt.
 */
@Injectable()
export class JobRunner {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly faults: FaultInjector,
    private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  async run(job: Job, token?: string): Promise<unknown> {
    await this.faults.before(job);
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    let recorded = false;
    const context: JobContext = {
      job,
      token,
      enqueue: (name, data, extra) => enqueue(this.queue(JOBS[name].queue), name, data, extra),
      remove: (name, id) =>
        this.queue(JOBS[name].queue)
          .remove(id)
          .catch(() => 0),
      queue: (name) => this.queue(name),
      record: (result) => {
        recorded = true;
        this.metrics.jobsProcessed.inc({ job: job.name, result });
      },
    };
    const result = await handler(job.data, context);
    if (!recorded) this.metrics.jobsProcessed.inc({ job: job.name, result: typeof result === 'string' ? result : 'ok' });
    return result;
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

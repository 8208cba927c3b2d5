import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, Type } from '@nestjs/common';
import { AppConfig, QUEUE_NAMES, QueueName } from '@bro/platform';
import type { Job } from 'bullmq';
import { JobRunner } from './job-runner';

/**
 * Queues whose jobs run side by side (MATCHING_CONCURRENCY, WORKER_CONCURRENCY at a time). Matching: each
 * handler is one transaction under the case lock, so parallel runs cannot over-assign.
 * Notification: a slow mail server must not hold back milestones. Follow-up and
 * maintenance run one job at a time: follow-up could run side by side (ADR 0041), but
 * on a full machine its syncs then took the CPU that assignment needed.
 */
const PARALLEL: Readonly<Record<QueueName, boolean>> = { matching: true, notification: true, 'follow-up': false, maintenance: false };

/** The thin BullMQ processor of one queue: every job goes to the JobRunner. */
function queueProcessor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue)
  class QueueProcessor extends WorkerHost implements OnApplicationBootstrap {
    constructor(
      private readonly runner: JobRunner,
      private readonly config: AppConfig,
    ) {
      super();
    }

    onApplicationBootstrap(): void {
      if (PARALLEL[queue])
        this.worker.concurrency = queue === 'matching' ? this.config.MATCHING_CONCURRENCY : this.config.WORKER_CONCURRENCY;
    }

    process(job: Job, token?: string): Promise<unknown> {
      return this.runner.run(job, token);
    }
  }
  const name = `${queue.replace(/(^|-)(\w)/g, (_m, _dash: string, c: string) => c.toUpperCase())}Processor`;
  Object.defineProperty(QueueProcessor, 'name', { value: name });
  return QueueProcessor;
}

/** The processor class of each queue of the registry (tests reach a queue's worker through it). */
export const QUEUE_PROCESSOR = Object.fromEntries(QUEUE_NAMES.map((q) => [q, queueProcessor(q)])) as Readonly<
  Record<QueueName, Type<WorkerHost>>
>;

/** One processor per queue of the registry. */
export const QUEUE_PROCESSORS: readonly Type<WorkerHost>[] = QUEUE_NAMES.map((q) => QUEUE_PROCESSOR[q]);

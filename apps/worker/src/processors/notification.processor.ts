import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { MessagesService, QUEUE_DELIVERY_ATTEMPTS } from '@bro/notification';
import { AppConfig, enqueue, JobData, JobName, Metrics } from '@bro/platform';
import { ReferrerFeedbackService } from '@bro/referral';
import { Job, Queue } from 'bullmq';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type NotificationJob =
  | Job<JobData<'notification.referrer-milestone'>, unknown, 'notification.referrer-milestone'>
  | Job<JobData<'notification.deliver'>, unknown, 'notification.deliver'>
  | Job<JobData<'notification.sweep'>, unknown, 'notification.sweep'>;

/**
 * `notification` queue. Guarantees: nothing reaches a referrer that the consent in
 * force at sending does not allow; a redelivered job stores nothing twice; every
 * stored e-mail is delivered at least once or ends `failed`, visible to coordinators
 * (ADR 0017). A failed attempt is rethrown while the job has quick retries left; later
 * ones come from the ledger through the sweep, which also brings back what Redis lost.
 */
@Processor('notification')
export class NotificationProcessor extends WorkerHost implements JobHandlerSet, OnApplicationBootstrap {
  readonly handles: readonly JobName[] = ['notification.referrer-milestone', 'notification.deliver', 'notification.sweep'];

  constructor(
    private readonly faults: FaultInjector,
    private readonly feedback: ReferrerFeedbackService,
    private readonly messages: MessagesService,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    @InjectQueue('notification') private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // A slow mail server must not hold back milestones: deliveries run side by side.
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: NotificationJob): Promise<unknown> {
    await this.faults.before(job);
    switch (job.name) {
      case 'notification.referrer-milestone': {
        const outcome = await this.feedback.sendMilestone(job.data);
        this.metrics.jobsProcessed.inc({ job: job.name, result: outcome });
        return outcome;
      }
      case 'notification.deliver': {
        const { outcome, attempt, code } = await this.messages.deliver(job.data.messageId);
        this.metrics.jobsProcessed.inc({ job: job.name, result: outcome });
        // The message's first few attempts are the queue's quick retries; later ones (minutes
        // apart, in the ledger) come back through the sweep, whichever job made this one.
        const quick = attempt !== undefined && attempt < QUEUE_DELIVERY_ATTEMPTS && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
        if (outcome === 'retry' && quick) throw new Error(`delivery failed (${code})`);
        return outcome;
      }
      case 'notification.sweep': {
        const due = await this.messages.dueForDelivery();
        for (const d of due) {
          await enqueue(
            this.queue,
            'notification.deliver',
            { ...d, v: 1 },
            { deduplication: { id: `notification.deliver.${d.messageId}` } },
          );
        }
        this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
        return { requeued: due.length };
      }
      default: {
        const unknown: never = job;
        throw new Error(`notification processor cannot handle ${(unknown as Job).name}`);
      }
    }
  }
}

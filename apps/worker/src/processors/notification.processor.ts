import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobData, JobName, Metrics } from '@bro/platform';
import { ReferrerFeedbackService } from '@bro/referral';
import { Job } from 'bullmq';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type NotificationJob = Job<JobData<'notification.referrer-milestone'>, unknown, 'notification.referrer-milestone'>;

/**
 * `notification` queue. Guarantees: nothing reaches a referrer that the consent in
 * force at sending does not allow, and a redelivered job sends nothing twice.
 */
@Processor('notification')
export class NotificationProcessor extends WorkerHost implements JobHandlerSet {
  readonly handles: readonly JobName[] = ['notification.referrer-milestone'];

  constructor(
    private readonly faults: FaultInjector,
    private readonly feedback: ReferrerFeedbackService,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  async process(job: NotificationJob): Promise<unknown> {
    await this.faults.before(job);
    const outcome = await this.feedback.sendMilestone(job.data);
    this.metrics.jobsProcessed.inc({ job: job.name, result: outcome });
    return outcome;
  }
}

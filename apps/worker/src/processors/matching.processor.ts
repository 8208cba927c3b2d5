import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobData, JobName, Metrics } from '@bro/platform';
import { Job } from 'bullmq';
import { JobHandlerSet } from './job-handler';

/**
 * `matching` queue. Guarantees (once issue #3 lands): a referral is assigned at most
 * once, capacity is never exceeded; the handler re-reads the referral and returns
 * early unless it still awaits matching. Until then it only acknowledges the job.
 */
@Processor('matching')
export class MatchingProcessor extends WorkerHost implements JobHandlerSet {
  readonly handles: readonly JobName[] = ['matching.match'];
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(private readonly metrics: Metrics) {
    super();
  }

  async process(job: Job<JobData<'matching.match'>, void, JobName>): Promise<void> {
    switch (job.name) {
      case 'matching.match':
        this.logger.debug({ referralId: job.data.referralId, requestId: job.data.requestId }, 'referral awaits matching');
        this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
        return;
      default: {
        const unknown: never = job.name;
        throw new Error(`matching processor cannot handle ${String(unknown)}`);
      }
    }
  }
}

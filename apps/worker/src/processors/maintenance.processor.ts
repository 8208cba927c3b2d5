import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DirectoryService } from '@bro/directory';
import { JobData, JobName, Metrics } from '@bro/platform';
import { Job } from 'bullmq';
import { JobHandlerSet } from './job-handler';

type MaintenanceJob = Job<JobData<'maintenance.stale-offers'>, unknown, 'maintenance.stale-offers'>;

/**
 * `maintenance` queue: periodic housekeeping on BullMQ job schedulers. Each run is
 * idempotent (an UPDATE guarded by the state it changes), so a missed or repeated run
 * is harmless.
 */
@Processor('maintenance')
export class MaintenanceProcessor extends WorkerHost implements JobHandlerSet {
  readonly handles: readonly JobName[] = ['maintenance.stale-offers'];

  constructor(
    private readonly directory: DirectoryService,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  async process(job: MaintenanceJob): Promise<unknown> {
    const flagged = await this.directory.flagStaleOffers();
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
    return { flagged };
  }
}

import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DirectoryService } from '@bro/directory';
import { JobData, JobName, JOBS, Metrics } from '@bro/platform';
import { Job, Queue } from 'bullmq';
import { JobHandlerSet } from './job-handler';

type MaintenanceJob = Job<JobData<'maintenance.stale-offers'>, unknown, 'maintenance.stale-offers'>;

/**
 * `maintenance` queue: periodic housekeeping on BullMQ job schedulers. Each run is
 * idempotent (an UPDATE guarded by the state it changes), so a missed or repeated run
 * is harmless.
 */
@Processor('maintenance')
export class MaintenanceProcessor extends WorkerHost implements JobHandlerSet, OnApplicationBootstrap {
  readonly handles: readonly JobName[] = ['maintenance.stale-offers'];
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly directory: DirectoryService,
    private readonly metrics: Metrics,
    @InjectQueue('maintenance') private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.queue
      .upsertJobScheduler(
        'maintenance.stale-offers',
        { pattern: '0 3 * * *', tz: 'Europe/Copenhagen' },
        {
          name: 'maintenance.stale-offers',
          data: { v: 1 },
          opts: JOBS['maintenance.stale-offers'].options,
        },
      )
      .catch((err: Error) => this.logger.warn(`could not schedule the stale-offer sweep: ${err.message}`));
  }

  async process(job: MaintenanceJob): Promise<unknown> {
    const flagged = await this.directory.flagStaleOffers();
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
    return { flagged };
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DirectoryService } from '@bro/directory';
import { JobData, JobName, Metrics } from '@bro/platform';
import { Job } from 'bullmq';
import { OutboxRelayHost } from '../outbox-relay.host';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type MaintenanceJob =
  | Job<JobData<'maintenance.stale-offers'>, unknown, 'maintenance.stale-offers'>
  | Job<JobData<'maintenance.prune-outbox'>, unknown, 'maintenance.prune-outbox'>;

/** How long a done outbox row is kept for inspection. */
const OUTBOX_KEEP_DAYS = 7;

/**
 * `maintenance` queue: periodic housekeeping on BullMQ job schedulers. Each run is
 * idempotent (an UPDATE guarded by the state it changes), so a missed or repeated run
 * is harmless.
 */
@Processor('maintenance')
export class MaintenanceProcessor extends WorkerHost implements JobHandlerSet {
  readonly handles: readonly JobName[] = ['maintenance.stale-offers', 'maintenance.prune-outbox'];

  constructor(
    private readonly faults: FaultInjector,
    private readonly directory: DirectoryService,
    private readonly relayHost: OutboxRelayHost,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  async process(job: MaintenanceJob): Promise<unknown> {
    await this.faults.before(job);
    const result = await this.handle(job);
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
    return result;
  }

  private async handle(job: MaintenanceJob): Promise<unknown> {
    switch (job.name) {
      case 'maintenance.stale-offers':
        return { flagged: await this.directory.flagStaleOffers() };
      case 'maintenance.prune-outbox':
        return { pruned: await this.relayHost.relay.prune(OUTBOX_KEEP_DAYS) };
      default: {
        const unknown: never = job;
        throw new Error(`maintenance processor cannot handle ${(unknown as Job).name}`);
      }
    }
  }
}

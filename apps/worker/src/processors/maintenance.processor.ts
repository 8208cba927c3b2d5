import { getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { DirectoryService } from '@bro/directory';
import { JobData, JobName, Metrics, QUEUE_NAMES } from '@bro/platform';
import { CaseService, CprRotation } from '@bro/referral';
import { Job, JobType, Queue } from 'bullmq';
import { OutboxRelayHost } from '../outbox-relay.host';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type MaintenanceJob =
  | Job<JobData<'maintenance.stale-offers'>, unknown, 'maintenance.stale-offers'>
  | Job<JobData<'maintenance.prune-outbox'>, unknown, 'maintenance.prune-outbox'>
  | Job<JobData<'maintenance.retention'>, unknown, 'maintenance.retention'>
  | Job<JobData<'maintenance.reseal-cpr'>, unknown, 'maintenance.reseal-cpr'>
  | Job<JobData<'maintenance.forget-case'>, unknown, 'maintenance.forget-case'>;

/** Every state a job can rest in. An active one is waited for: it would rest in `completed` afterwards. */
const RESTING_STATES: JobType[] = ['completed', 'failed', 'delayed', 'wait', 'prioritized', 'waiting-children'];

/** How long a done outbox row is kept for inspection. */
const OUTBOX_KEEP_DAYS = 7;

/**
 * `maintenance` queue: periodic housekeeping on BullMQ job schedulers. Each run is
 * idempotent (an UPDATE guarded by the state it changes), so a missed or repeated run
 * is harmless.
 */
@Processor('maintenance')
export class MaintenanceProcessor extends WorkerHost implements JobHandlerSet {
  readonly handles: readonly JobName[] = [
    'maintenance.stale-offers',
    'maintenance.prune-outbox',
    'maintenance.retention',
    'maintenance.reseal-cpr',
    'maintenance.forget-case',
  ];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly cases: CaseService,
    private readonly cprRotation: CprRotation,
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
      case 'maintenance.retention':
        return { erased: await this.cases.eraseExpired() };
      case 'maintenance.reseal-cpr':
        return { resealed: await this.cprRotation.resealRetired() };
      case 'maintenance.forget-case':
        return { removed: await this.forgetCase(job.data.referralId, job.id) };
      default: {
        const unknown: never = job;
        throw new Error(`maintenance processor cannot handle ${(unknown as Job).name}`);
      }
    }
  }

  /**
   * Removes every resting job in every queue whose payload names the erased case.
   * While one is still running, fails so that the retry (with backoff) removes it
   * once it has finished.
   */
  private async forgetCase(referralId: string, ownJobId: string | undefined): Promise<number> {
    const names = (job: Job) => job.id !== ownJobId && (job.data as { referralId?: unknown } | undefined)?.referralId === referralId;
    let removed = 0;
    let running = 0;
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      for (const job of await queue.getJobs(RESTING_STATES)) {
        if (!names(job)) continue;
        await job.remove();
        // Its outbox row counts as done: otherwise the relay would take the job for lost and put it back.
        await this.relayHost.relay.markDone(job.id);
        removed++;
      }
      running += (await queue.getJobs(['active'])).filter(names).length;
    }
    if (running > 0) throw new Error(`${running} jobs of the erased case are still running; trying again`);
    return removed;
  }
}

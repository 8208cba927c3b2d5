import { getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuditAnchorService } from '@bro/audit';
import { DirectoryService } from '@bro/directory';
import { FollowUpService } from '@bro/follow-up';
import { JobData, JobName, Metrics, QUEUE_NAMES } from '@bro/platform';
import { CaseService, CprRotation } from '@bro/referral';
import { DelayedError, Job, JobType, Queue } from 'bullmq';
import { OutboxRelayHost } from '../outbox-relay.host';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type MaintenanceJob =
  | Job<JobData<'maintenance.stale-offers'>, unknown, 'maintenance.stale-offers'>
  | Job<JobData<'maintenance.prune-outbox'>, unknown, 'maintenance.prune-outbox'>
  | Job<JobData<'maintenance.retention'>, unknown, 'maintenance.retention'>
  | Job<JobData<'maintenance.reseal-cpr'>, unknown, 'maintenance.reseal-cpr'>
  | Job<JobData<'maintenance.anchor-audit'>, unknown, 'maintenance.anchor-audit'>
  | Job<JobData<'maintenance.forget-case'>, unknown, 'maintenance.forget-case'>;

/** Every state a job can rest in. An active one is waited for: it would rest in `completed` afterwards. */
const RESTING_STATES: JobType[] = ['completed', 'failed', 'delayed', 'wait', 'prioritized', 'waiting-children'];

/** How long a done outbox row is kept for inspection. */
const OUTBOX_KEEP_DAYS = 7;

/** forget-case looks again this often while a job of the case still runs … */
const FORGET_RECHECK_MS = 2_000;
/** … for at most this long: jobs of a no-longer-open case are no-ops that finish in moments. */
const FORGET_GIVE_UP_MS = 15 * 60_000;

/** BullMQ refuses to remove a job another worker holds; that job is running, not resting. */
function isLockedByAnotherWorker(err: unknown): boolean {
  return err instanceof Error && /locked by another worker|is locked/i.test(err.message);
}

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
    'maintenance.anchor-audit',
    'maintenance.forget-case',
  ];
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly cases: CaseService,
    private readonly cprRotation: CprRotation,
    private readonly anchors: AuditAnchorService,
    private readonly followUps: FollowUpService,
    private readonly faults: FaultInjector,
    private readonly directory: DirectoryService,
    private readonly relayHost: OutboxRelayHost,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  async process(job: MaintenanceJob, token?: string): Promise<unknown> {
    await this.faults.before(job);
    const result = await this.handle(job, token);
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
    return result;
  }

  private async handle(job: MaintenanceJob, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'maintenance.stale-offers':
        return { flagged: await this.directory.flagStaleOffers() };
      case 'maintenance.prune-outbox':
        return { pruned: await this.relayHost.relay.prune(OUTBOX_KEEP_DAYS) };
      case 'maintenance.retention':
        return { erased: await this.cases.eraseExpired() };
      case 'maintenance.reseal-cpr':
        return { resealed: await this.cprRotation.resealRetired() };
      case 'maintenance.anchor-audit':
        return this.anchors.anchor();
      case 'maintenance.forget-case':
        return this.forgetCase(job, token);
      default: {
        const unknown: never = job;
        throw new Error(`maintenance processor cannot handle ${(unknown as Job).name}`);
      }
    }
  }

  /**
   * Removes every resting job in every queue that names the erased case — by its id,
   * or by one of its follow-ups (due and escalation jobs) — and marks their outbox rows
   * done. A job of the case still running (or taken by a worker between listing and
   * removing) is not an error: its handler re-reads the case under its lock and does
   * nothing for a case that is no longer open. This job then puts itself back, delayed
   * and without spending an attempt, and removes the rest once that job has finished.
   */
  private async forgetCase(job: Job<JobData<'maintenance.forget-case'>>, token?: string): Promise<{ removed: number; running: number }> {
    const { referralId } = job.data;
    const followUpIds = new Set(await this.followUps.idsOfCase(referralId));
    const names = (j: Job) => {
      const data = j.data as { referralId?: unknown; followUpId?: unknown } | undefined;
      return (
        j.id !== job.id && (data?.referralId === referralId || (typeof data?.followUpId === 'string' && followUpIds.has(data.followUpId)))
      );
    };
    let removed = 0;
    let running = 0;
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Running before the resting ones are listed, and after: a job that finishes in between
      // is in neither list, so one running at either moment means another look.
      running += (await queue.getJobs(['active'])).filter(names).length;
      for (const j of await queue.getJobs(RESTING_STATES)) {
        if (!names(j)) continue;
        try {
          await j.remove();
        } catch (err) {
          if (!isLockedByAnotherWorker(err)) throw err;
          running++;
          continue;
        }
        // Its outbox row counts as done: otherwise the relay would take the job for lost and put it back.
        await this.relayHost.relay.markDone(j.id);
        removed++;
      }
      running += (await queue.getJobs(['active'])).filter(names).length;
    }
    if (running > 0) {
      if (token && Date.now() - job.timestamp < FORGET_GIVE_UP_MS) {
        await job.moveToDelayed(Date.now() + FORGET_RECHECK_MS, token);
        throw new DelayedError();
      }
      this.logger.warn({ jobId: job.id, running }, 'jobs of an erased case still running; they finish as no-ops');
    }
    return { removed, running };
  }
}

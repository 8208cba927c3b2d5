import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { FollowUpService, ScheduledFollowUp } from '@bro/follow-up';
import { AppConfig, Clock, enqueue, JobData, JobName, jobId, Metrics } from '@bro/platform';
import { Job, Queue } from 'bullmq';
import { JobHandlerSet } from './job-handler';
import { FaultInjector } from './fault-injector';

type FollowUpJob =
  | Job<JobData<'follow-up.sync'>, unknown, 'follow-up.sync'>
  | Job<JobData<'follow-up.due'>, unknown, 'follow-up.due'>
  | Job<JobData<'follow-up.escalate'>, unknown, 'follow-up.escalate'>
  | Job<JobData<'follow-up.sweep'>, unknown, 'follow-up.sweep'>;

/**
 * `follow-up` queue. Guarantees: the rows are the truth — `sync`, `due` and `escalate` change
 * them only through guarded, idempotent statements; each open follow-up due within
 * the horizon has one delayed `follow-up.due` job (deterministic id) and the periodic sweep marks and
 * escalates from the rows themselves, so a Redis flush delays nothing by more than one
 * sweep interval.
 */
@Processor('follow-up')
export class FollowUpProcessor extends WorkerHost implements JobHandlerSet {
  readonly handles: readonly JobName[] = ['follow-up.sync', 'follow-up.due', 'follow-up.escalate', 'follow-up.sweep'];

  constructor(
    private readonly faults: FaultInjector,
    private readonly followUps: FollowUpService,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    @InjectQueue('follow-up') private readonly queue: Queue,
    config: AppConfig,
  ) {
    super();
    this.horizonMs = config.FOLLOW_UP_DUE_HORIZON_MS;
  }

  private readonly horizonMs: number;

  async process(job: FollowUpJob): Promise<unknown> {
    await this.faults.before(job);
    const result = await this.handle(job);
    this.metrics.jobsProcessed.inc({ job: job.name, result: 'ok' });
    return result;
  }

  private async handle(job: FollowUpJob): Promise<unknown> {
    switch (job.name) {
      case 'follow-up.sync':
        return this.schedule(await this.followUps.sync(job.data), job.data.requestId);
      case 'follow-up.due': {
        const result = await this.followUps.markDue(job.data.followUpId);
        if (result === 'overdue') {
          const at = await this.followUps.escalationTime(job.data.followUpId);
          if (at) {
            await enqueue(
              this.queue,
              'follow-up.escalate',
              { ...job.data },
              { jobId: jobId('follow-up.escalate', job.data.followUpId), delay: Math.max(0, at.getTime() - this.clock.now().getTime()) },
            );
          }
        }
        return result;
      }
      case 'follow-up.escalate':
        return this.followUps.escalate(job.data.followUpId);
      case 'follow-up.sweep': {
        const swept = await this.followUps.sweep(this.horizonMs);
        for (const r of swept.resync) {
          await enqueue(this.queue, 'follow-up.sync', { ...r, v: 1 }, { deduplication: { id: `follow-up.sync.${r.referralId}` } });
        }
        const { scheduled } = await this.schedule({ open: swept.dueSoon, closedEarly: [] });
        return { overdue: swept.overdue, escalated: swept.escalated, resynced: swept.resync.length, scheduled };
      }
      default: {
        const unknown: never = job;
        throw new Error(`follow-up processor cannot handle ${(unknown as Job).name}`);
      }
    }
  }

  /**
   * One delayed due job per open follow-up due within the horizon (the sweep brings in
   * the later ones as their time nears); the deterministic id makes re-scheduling a
   * no-op. The due jobs of follow-ups closed early go (one already running finishes
   * as a no-op), so Redis does not keep a job per closed case until its due time.
   * Syncs of one case run in parallel: one that closed a follow-up may remove its due
   * job before an earlier sync adds it, so after adding, the ones closed meanwhile go.
   */
  private async schedule(
    { open, closedEarly }: { open: ScheduledFollowUp[]; closedEarly: ScheduledFollowUp[] },
    requestId?: string,
  ): Promise<{ scheduled: number; unscheduled: number }> {
    const dueJobId = (f: ScheduledFollowUp) => jobId('follow-up.due', `${f.id}.${f.dueAt.getTime()}`);
    const now = this.clock.now().getTime();
    const soon = open.filter((f) => f.dueAt.getTime() <= now + this.horizonMs);
    for (const f of soon) {
      await enqueue(
        this.queue,
        'follow-up.due',
        { followUpId: f.id, municipalityId: f.municipalityId, requestId, v: 1 },
        { jobId: dueJobId(f), delay: Math.max(0, f.dueAt.getTime() - now) },
      );
    }
    const closedMeanwhile = await this.followUps.notOpen(soon.map((f) => f.id));
    let unscheduled = 0;
    for (const f of [...closedEarly, ...soon.filter((o) => closedMeanwhile.has(o.id))]) {
      unscheduled += await this.queue.remove(dueJobId(f)).catch(() => 0);
    }
    return { scheduled: soon.length - closedMeanwhile.size, unscheduled };
  }
}

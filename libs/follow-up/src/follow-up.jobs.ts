import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, JobContext, JobData, jobId, OnJob } from '@bro/platform';
import { FollowUpService, ScheduledFollowUp } from './follow-up.service';

/**
 * `follow-up` queue. Guarantees: the rows are the truth — `sync`, `due` and `escalate` change
 * them only through guarded, idempotent statements; each open follow-up due within
 * the horizon has one delayed `follow-up.due` job (deterministic id) and the periodic sweep marks and
 * escalates from the rows themselves, so a Redis flush delays nothing by more than one
 * sweep interval.
 */
@Injectable()
export class FollowUpJobs {
  private readonly horizonMs: number;

  constructor(
    private readonly followUps: FollowUpService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.horizonMs = config.FOLLOW_UP_DUE_HORIZON_MS;
  }

  @OnJob('follow-up.sync')
  async sync(data: JobData<'follow-up.sync'>, context: JobContext): Promise<{ scheduled: number; unscheduled: number }> {
    return this.schedule(context, await this.followUps.sync(data), data.requestId);
  }

  @OnJob('follow-up.due')
  async due(data: JobData<'follow-up.due'>, { enqueue }: JobContext): Promise<'overdue' | 'not_due' | 'closed' | 'already'> {
    const result = await this.followUps.markDue(data.followUpId);
    if (result === 'overdue') {
      const at = await this.followUps.escalationTime(data.followUpId);
      if (at) {
        await enqueue(
          'follow-up.escalate',
          { ...data },
          { jobId: jobId('follow-up.escalate', data.followUpId), delay: Math.max(0, at.getTime() - this.clock.now().getTime()) },
        );
      }
    }
    return result;
  }

  @OnJob('follow-up.escalate')
  async escalate(data: JobData<'follow-up.escalate'>): Promise<'escalated' | 'not_yet' | 'closed'> {
    return this.followUps.escalate(data.followUpId);
  }

  @OnJob('follow-up.sweep')
  async sweep(_data: unknown, context: JobContext): Promise<{ overdue: number; escalated: number; resynced: number; scheduled: number }> {
    const swept = await this.followUps.sweep(this.horizonMs);
    for (const r of swept.resync) {
      await context.enqueue('follow-up.sync', { ...r, v: 1 }, { deduplication: { id: `follow-up.sync.${r.referralId}` } });
    }
    const { scheduled } = await this.schedule(context, { open: swept.dueSoon, closedEarly: [] });
    return { overdue: swept.overdue, escalated: swept.escalated, resynced: swept.resync.length, scheduled };
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
    { enqueue, remove }: JobContext,
    { open, closedEarly }: { open: ScheduledFollowUp[]; closedEarly: ScheduledFollowUp[] },
    requestId?: string,
  ): Promise<{ scheduled: number; unscheduled: number }> {
    const dueJobId = (f: ScheduledFollowUp) => jobId('follow-up.due', `${f.id}.${f.dueAt.getTime()}`);
    const now = this.clock.now().getTime();
    const soon = open.filter((f) => f.dueAt.getTime() <= now + this.horizonMs);
    for (const f of soon) {
      await enqueue(
        'follow-up.due',
        { followUpId: f.id, municipalityId: f.municipalityId, requestId, v: 1 },
        { jobId: dueJobId(f), delay: Math.max(0, f.dueAt.getTime() - now) },
      );
    }
    const closedMeanwhile = await this.followUps.notOpen(soon.map((f) => f.id));
    let unscheduled = 0;
    for (const f of [...closedEarly, ...soon.filter((o) => closedMeanwhile.has(o.id))]) {
      unscheduled += await remove('follow-up.due', dueJobId(f));
    }
    return { scheduled: soon.length - closedMeanwhile.size, unscheduled };
  }
}

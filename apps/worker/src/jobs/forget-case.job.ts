import { Injectable, Logger } from '@nestjs/common';
import { FollowUpService } from '@bro/follow-up';
import { JobContext, JobData, OnJob, QUEUE_NAMES } from '@bro/platform';
import { DelayedError, Job, JobType } from 'bullmq';
import { OutboxRelayHost } from '../outbox-relay.host';

/** Every state a job can rest in. An active one is waited for: it would rest in `completed` afterwards. */
const RESTING_STATES: JobType[] = ['completed', 'failed', 'delayed', 'wait', 'prioritized', 'waiting-children'];

/** forget-case looks again this often while a job of the case still runs … */
const FORGET_RECHECK_MS = 2_000;
/** … for at most this long: jobs of a no-longer-open case are no-ops that finish in moments. */
const FORGET_GIVE_UP_MS = 15 * 60_000;

/** BullMQ refuses to remove a job another worker holds; that job is running, not resting. */
function isLockedByAnotherWorker(err: unknown): boolean {
  return err instanceof Error && /locked by another worker|is locked/i.test(err.message);
}

/**
 * `maintenance.forget-case` is housekeeping of Redis itself (every queue, the outbox
 * ledger), so it lives with the worker rather than in a domain lib.
 */
@Injectable()
export class ForgetCaseJob {
  private readonly logger = new Logger(ForgetCaseJob.name);

  constructor(
    private readonly followUps: FollowUpService,
    private readonly relayHost: OutboxRelayHost,
  ) {}

  /**
   * Removes every resting job in every queue that names the erased case — by its id,
   * or by one of its follow-ups (due and escalation jobs) — and marks their outbox rows
   * done. A job of the case still running (or taken by a worker between listing and
   * removing) is not an error: its handler re-reads the case under its lock and does
   * nothing for a case that is no longer open. This job then puts itself back, delayed
   * and without spending an attempt, and removes the rest once that job has finished.
   */
  @OnJob('maintenance.forget-case')
  async forget(data: JobData<'maintenance.forget-case'>, { job, token, queue }: JobContext): Promise<{ removed: number; running: number }> {
    const { referralId } = data;
    const followUpIds = new Set(await this.followUps.idsOfCase(referralId));
    const names = (j: Job) => {
      const d = j.data as { referralId?: unknown; followUpId?: unknown } | undefined;
      return j.id !== job.id && (d?.referralId === referralId || (typeof d?.followUpId === 'string' && followUpIds.has(d.followUpId)));
    };
    let removed = 0;
    let running = 0;
    for (const name of QUEUE_NAMES) {
      const q = queue(name);
      // Running before the resting ones are listed, and after: a job that finishes in between
      // is in neither list, so one running at either moment means another look.
      running += (await q.getJobs(['active'])).filter(names).length;
      for (const j of await q.getJobs(RESTING_STATES)) {
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
      running += (await q.getJobs(['active'])).filter(names).length;
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

import { Injectable } from '@nestjs/common';
import { AppConfig, JobContext, OnJob } from '@bro/platform';
import { AssignmentService } from './assignment.service';
import { CaseService } from './case.service';
import { CprRotation } from './cpr-rotation.service';

/**
 * The referral lib's periodic jobs, whose domain methods take a batch size rather than a
 * payload (the per-case jobs carry `@OnJob` on the domain method itself: AssignmentService here,
 * ReferrerFeedbackService in libs/notification). Each is idempotent: a missed or repeated run is harmless.
 */
@Injectable()
export class ReferralJobs {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly cases: CaseService,
    private readonly cprRotation: CprRotation,
    private readonly config: AppConfig,
  ) {}

  /**
   * `matching` queue guarantees: a referral is assigned at most once and no brobygger
   * goes over capacity, whatever the redelivery — each handler (AssignmentService.match,
   * matchWaiting, reconcileBrobygger) is one transaction that re-reads the referral and
   * returns early if it no longer awaits matching. Errors are rethrown so BullMQ retries
   * with backoff (the worker marks the case as needing attention after the last attempt).
   * This sweep makes a lost Redis harmless: it re-enqueues work whose job Redis may have
   * lost, deduplicated while the job still waits.
   */
  @OnJob('matching.sweep')
  async sweepMatching(_data: unknown, { enqueue }: JobContext): Promise<{ submitted: number; areas: number }> {
    const { submitted, areas } = await this.assignments.sweepTargets(this.config.MATCHING_SWEEP_MS);
    for (const s of submitted) {
      await enqueue('matching.match', { ...s, v: 1 }, { deduplication: { id: `matching.match.${s.referralId}` } });
    }
    for (const a of areas) {
      await enqueue('matching.waiting', { ...a, v: 1 }, { deduplication: { id: `matching.waiting.${a.areaId}` } });
    }
    return { submitted: submitted.length, areas: areas.length };
  }

  /** Nightly: erase closed cases past their municipality's retention period. */
  @OnJob('maintenance.retention')
  async retention(): Promise<{ erased: { cases: number; citizens: number } }> {
    return { erased: await this.cases.eraseExpired() };
  }

  /** Nightly: re-seal CPR numbers still under a retired key with the current one. */
  @OnJob('maintenance.reseal-cpr')
  async resealCpr(): Promise<{ resealed: number }> {
    return { resealed: await this.cprRotation.resealRetired() };
  }
}

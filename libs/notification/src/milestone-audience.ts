import type { CaseRelations, ReferrerFacts } from '@bro/consent';
import type { JobData } from '@bro/platform';
import type { EntityManager } from 'typeorm';

/** A referral whose referrers may hear of a milestone: who is related to it, and what the referrer view is made of. */
export interface MilestoneTarget {
  referralId: string;
  relations: CaseRelations;
  facts: ReferrerFacts;
  /**
   * A public referral's sender (ADR 0030): no user with an e-mail, so their own address
   * (null: none given, nothing to send) and the reference they know it by, never its id.
   */
  publicSender?: { userId: string; reference: string; email: string | null };
}

/** Nobody hears of it: the referral is gone, its consent withdrawn, or its citizen's data erased. */
export type NoAudience = 'missing' | 'consent_withdrawn' | 'erased';

/**
 * Who may hear of a case's milestone, as the case owner knows it (ADR 0022). The
 * notification lib sits below the case and reads none of its tables; `libs/referral`
 * implements this port (`ReferralMilestoneAudience`) and provides it where the
 * referrer feedback runs. Each target is a referral whose own consent to the referral
 * is in force *now*.
 */
export abstract class MilestoneAudience {
  /** `m`: the caller's transaction, when it holds one (ADR 0041). */
  abstract of(job: JobData<'notification.referrer-milestone'>, m?: EntityManager): Promise<MilestoneTarget[] | NoAudience>;
}

import { LIFECYCLE, type ReferralStatus } from '@bro/case-kernel';
import type { ReferrerFacts } from '@bro/consent';
import type { Referral } from './referral.entity';

/** What the referrer view is cut from: one place, for the REST view and the notifications alike. */
export function referrerFacts(
  referral: Pick<Referral, 'id' | 'createdAt' | 'status' | 'outcome' | 'summary' | 'summaryApproved'>,
  history: { toStatus: ReferralStatus; at: Date }[],
): ReferrerFacts {
  return {
    id: referral.id,
    createdAt: referral.createdAt,
    history: history.map((h) => ({ status: h.toStatus, at: h.at })),
    closingCategory: referral.status === 'completed' ? referral.outcome : LIFECYCLE[referral.status].closed ? referral.status : null,
    summary: referral.summary,
    summaryApprovedByCitizen: referral.summaryApproved,
  };
}

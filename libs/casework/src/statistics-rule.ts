import { HELD_STATUSES } from '@bro/case-kernel';
import { statisticsConsentGiven } from '@bro/consent';

/**
 * The cases statistics may count — one rule for `GET /v1/statistics` and the council
 * report: a case of the municipality whose own latest `statistics` consent is not
 * withdrawn (the scope defaults to yes; a later referral's consent never changes it,
 * ADR 0014). Cancelled cases (consent to the referral withdrawn, data erased, or declined
 * before any conversation) are never counted, nor referrals that are no case of their
 * own — held as possible duplicates, linked to a case, or rejected as duplicates.
 *
 * A SQL condition over the referral aliased `referral`, for the municipality in the
 * parameter `municipalityParam`; both come from code, never from input.
 */
/** Never counted: cancelled cases, and referrals that are no case of their own (SQL literals built from the case kernel). */
const NOT_COUNTED = ['cancelled', ...HELD_STATUSES].map((s) => `'${s}'`).join(', ');

export function countedForStatistics(referral = 'r', municipalityParam = '$1'): string {
  return `${referral}.municipality_id = ${municipalityParam} AND ${referral}.status NOT IN (${NOT_COUNTED})
  AND NOT (${referral}.status = 'rejected' AND ${referral}.duplicate_decision = 'rejected')
  AND ${statisticsConsentGiven(referral)}`;
}

import { canTransition, type ReferralStatus } from '@bro/case-kernel';
import { ConflictError } from '@bro/platform';

/**
 * The transition table lives in the case kernel (ADR 0020); the referral lib adds the
 * 409 that names the current status. `from` null is a referral's first status.
 */
export function assertTransition(from: ReferralStatus | null, to: ReferralStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`The referral is ${from ?? 'new'} and cannot become ${to}`, { currentStatus: from });
  }
}

import { canTransition, type ReferralStatus } from '@bro/case-kernel';
import { ConflictError } from '@bro/platform';

// The vocabulary lives in the case kernel (ADR 0020); the referral lib adds the 409.
export {
  REFERRAL_STATUSES,
  LIFECYCLE,
  CLOSED_STATUSES,
  OPEN_STATUSES,
  OPEN_CASE_STATUSES,
  HELD_STATUSES,
  canTransition,
  fhirTaskStatus,
  CASEWORK_STATUSES,
  nextActions,
} from '@bro/case-kernel';
export type { ReferralStatus, FhirTaskStatus, CaseAction } from '@bro/case-kernel';

/** Throws the 409 that names the current status. */
export function assertTransition(from: ReferralStatus, to: ReferralStatus): void {
  if (!canTransition(from, to)) throw new ConflictError(`The referral is ${from} and cannot become ${to}`, { currentStatus: from });
}

/**
 * Locking a case for the rest of the caller's transaction — the one lock casework,
 * follow-ups and the lifecycle take before they change anything of a case. Its SQL
 * lives with the case's other SQL in `referral.repository.ts`.
 */
export { lockReferral, type LockedReferral } from './referral.repository';

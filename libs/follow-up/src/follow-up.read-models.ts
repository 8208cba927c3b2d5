/**
 * Read models the follow-up lib publishes over the table it owns (ADR 0022), for the
 * council report: kinds, statuses, times, results and scores — never a note. Reads only.
 */

/** Each follow-up's kind, status, due time and measurement result. */
export const FOLLOW_UP_FACTS = `(SELECT referral_id, municipality_id, kind, status, due_at, created_at, measurement_result,
  who5_score, ucla3_score FROM follow_up)`;

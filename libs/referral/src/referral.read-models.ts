/**
 * Read models the referral lib publishes over the tables it owns (ADR 0022): subqueries
 * with named columns another lib may select from or join in its own SQL — reporting,
 * queues, the FHIR feed — instead of naming `referral` or `referral_link`. They carry
 * ids, codes, statuses and times, never a CPR, name or note. Reads only: a case changes
 * through the case's own services (`CaseLifecycle` for its status).
 */

/** A case's facts: who it is about (by id), who sent it, where it is, its status and when it changed. */
export const CASE_FACTS = `(SELECT id, municipality_id, citizen_id, referrer_id, referrer_organisation, area_id, status, outcome,
  reasons, duplicate_of, duplicate_decision, created_at, updated_at FROM referral)`;

/** Who else referred a case (a confirmed duplicate's referrer, ADR 0014): ids only. */
export const REFERRAL_LINK_FACTS = '(SELECT referral_id, referrer_id, referrer_organisation FROM referral_link)';

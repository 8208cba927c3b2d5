/**
 * Read models the casework lib publishes over the tables it owns (ADR 0022), for the
 * council report: ids, times, kinds and scores — never a note or a plan step's text. Reads only.
 */

/** Each contact attempt's time and outcome. */
export const CONTACT_FACTS = '(SELECT referral_id, municipality_id, attempted_at, outcome FROM contact_attempt)';

/** Each conversation's kind, time and WHO-5/UCLA-3 scores. */
export const CONVERSATION_FACTS =
  '(SELECT referral_id, municipality_id, kind, held_at, created_at, who5_score, ucla3_score FROM conversation)';

/** Each version of a plan: when it was made and its steps (read for their offer and status only). */
export const PLAN_VERSION_FACTS = '(SELECT referral_id, municipality_id, version, changed_at, steps FROM plan_revision)';

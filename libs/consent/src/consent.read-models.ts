/**
 * Read models the consent lib publishes over the table it owns (ADR 0022): SQL another
 * lib may embed instead of naming `consent`. Reads only.
 */

/**
 * A SQL condition: the case's own latest `statistics` consent is not withdrawn (the scope
 * defaults to yes; a later referral's consent never changes it, ADR 0014). `referral` is
 * the alias of a row with the case's `id`; it comes from code, never from input.
 */
export function statisticsConsentGiven(referral: string): string {
  return `COALESCE((SELECT c.value FROM consent c WHERE c.referral_id = ${referral}.id AND c.referral_link_id IS NULL AND c.scope = 'statistics'
                ORDER BY c.id DESC LIMIT 1), 'true') = 'true'`;
}

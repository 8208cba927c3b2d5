/**
 * The cases statistics may count — one rule for `GET /v1/statistics` and the council
 * report: a case of the municipality that was not cancelled (consent to the referral
 * withdrawn and data erased, or declined before any conversation), of a citizen whose
 * latest `statistics` consent is not withdrawn (the scope defaults to yes).
 *
 * A SQL condition over the referral aliased `referral`, for the municipality in the
 * parameter `municipalityParam`; both come from code, never from input.
 */
export function countedForStatistics(referral = 'r', municipalityParam = '$1'): string {
  return `${referral}.municipality_id = ${municipalityParam} AND ${referral}.status <> 'cancelled'
  AND COALESCE((SELECT c.value FROM consent c WHERE c.citizen_id = ${referral}.citizen_id AND c.scope = 'statistics' ORDER BY c.id DESC LIMIT 1), 'true') = 'true'`;
}

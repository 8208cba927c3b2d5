/**
 * The kind of organisation a referrer works for — the council report's "source" of a
 * referral. The report counts clinic types, never named clinics or GPs. A referrer is a
 * GP (praktiserende læge) unless a coordinator says otherwise; a referral made by staff
 * (a coordinator) counts as `other`.
 */
export const ORGANISATION_KINDS = [
  'gp',
  'hospital',
  'municipal_health',
  'social_services',
  'job_centre',
  'psychiatry',
  'civil_society',
  'citizen_or_relative',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

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
export const DEFAULT_ORGANISATION_KIND: OrganisationKind = 'gp';

/** Danish labels, for the report's CSV and PDF (the web app has its own in both languages). */
export const ORGANISATION_KIND_LABELS_DA: Record<OrganisationKind, string> = {
  gp: 'Praktiserende læge',
  hospital: 'Hospital',
  municipal_health: 'Kommunal sundhed og pleje',
  social_services: 'Socialforvaltning',
  job_centre: 'Jobcenter',
  psychiatry: 'Psykiatri',
  civil_society: 'Civilsamfund og foreninger',
  citizen_or_relative: 'Borger eller pårørende',
  other: 'Andet',
};

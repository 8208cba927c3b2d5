import type { OrganisationKind } from '@bro/case-kernel';

// The kinds are case vocabulary, shared with the web app (the case kernel, ADR 0020).
export { ORGANISATION_KINDS } from '@bro/case-kernel';
export type { OrganisationKind } from '@bro/case-kernel';
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

/**
 * Bro's own code systems live under a canonical base the deployment configures
 * (`FHIR_CANONICAL_BASE`, by default `<PUBLIC_WEB_URL>/fhir`): a code system URL must
 * be one Bro can answer for, never an example domain.
 */
export function broSystems(canonicalBase: string) {
  const base = `${canonicalBase.replace(/\/+$/, '')}/CodeSystem`;
  return {
    /** The case status (coordinators) — `submitted` … `cancelled`. */
    caseStatus: `${base}/case-status`,
    /** The referrer milestone (referrers) — `received`, `assigned`, `contacted`, `conversation_held`, `closed`. */
    milestone: `${base}/referrer-milestone`,
    reason: `${base}/reason`,
    contactRestriction: `${base}/contact-restriction`,
    feedbackLevel: `${base}/feedback-level`,
    /** What is asked for: `social-prescribing` (ServiceRequest.code). */
    service: `${base}/service`,
    /** What a Task hands back: `approved-summary` (Task.output.type). */
    taskOutput: `${base}/task-output`,
  } as const;
}

export type BroSystems = ReturnType<typeof broSystems>;

/** HL7 Gravity (SDOH Clinical Care) and SNOMED CT codes Bro uses. */
export const SDOHCC_TEMPORARY_CODES = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
export const SNOMED = 'http://snomed.info/sct';

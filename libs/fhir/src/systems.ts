/** Bro's own code systems, under the naming used by the shared fixtures. */
const BASE = 'https://fhir.example.dk/social-henvisning/CodeSystem';

export const BRO_SYSTEM = {
  /** The case status (coordinators) — `submitted` … `cancelled`. */
  caseStatus: `${BASE}/case-status`,
  /** The referrer milestone (referrers) — `received`, `assigned`, `contacted`, `conversation_held`, `closed`. */
  milestone: `${BASE}/referrer-milestone`,
  reason: `${BASE}/reason`,
  contactRestriction: `${BASE}/contact-restriction`,
  feedbackLevel: `${BASE}/feedback-level`,
} as const;

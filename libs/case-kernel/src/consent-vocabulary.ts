export const CONSENT_SCOPES = ['referral', 'referrer_feedback', 'share_with_host', 'sms', 'statistics'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const CONSENT_METHODS = ['verbal', 'written', 'digital'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What the referrer hears back (the confidentiality rule in domain.md). */
export const FEEDBACK_LEVELS = ['none', 'status', 'summary'] as const;
export type FeedbackLevel = (typeof FEEDBACK_LEVELS)[number];

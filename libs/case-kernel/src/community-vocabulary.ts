/** What a host or følgeven answers on a hand-off link (ADR 0026). */
export const HANDOVER_ANSWERS = ['attended', 'did_not_attend', 'continuing', 'cannot_receive'] as const;
export type HandoverAnswer = (typeof HANDOVER_ANSWERS)[number];

/** Who may send a referral through the public form besides the citizen (ADR 0030). */
export const PUBLIC_REFERRER_KINDS = ['relative', 'association', 'professional', 'self'] as const;
export type PublicReferrerKind = (typeof PUBLIC_REFERRER_KINDS)[number];

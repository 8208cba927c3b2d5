/** The fixed list of referral reasons (`GET /v1/reference/reasons`). */
export const REASONS = [
  { code: 'loneliness', da: 'Ensomhed', en: 'Loneliness' },
  { code: 'bereavement', da: 'Sorg og tab', en: 'Bereavement' },
  { code: 'low_wellbeing', da: 'Lav trivsel', en: 'Low wellbeing' },
  { code: 'stress_or_anxiety', da: 'Stress eller angst', en: 'Stress or anxiety' },
  { code: 'physical_inactivity', da: 'Fysisk inaktivitet', en: 'Physical inactivity' },
  { code: 'life_transition', da: 'Livsomstilling', en: 'Life transition' },
  { code: 'unemployment', da: 'Ledighed', en: 'Unemployment' },
  { code: 'other', da: 'Andet', en: 'Other' },
] as const;

export type ReasonCode = (typeof REASONS)[number]['code'];
export const REASON_CODES: readonly ReasonCode[] = REASONS.map((r) => r.code);

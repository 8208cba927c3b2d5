/**
 * The directory's offer categories (Open Referral's taxonomy terms are made from them),
 * in the order a coordinator looks for them — one list for the server's validation and
 * the web's offer form.
 */
export const OFFER_CATEGORIES = [
  'community',
  'exercise',
  'open_meeting_place',
  'dementia_cafe',
  'volunteer_group',
  'companion',
  'creative',
  'learning',
  'nature',
  'other',
] as const;
export type OfferCategory = (typeof OFFER_CATEGORIES)[number];

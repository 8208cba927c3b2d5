import type { Role } from '@bro/case-kernel';

/** Who is acting: the verified user of this request, with the request id that follows the work. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  municipalityId: string;
  /** The referrer's organisation (e.g. the GP clinic); referrers of one clinic share their referrals. */
  organisation: string | null;
  requestId?: string;
}

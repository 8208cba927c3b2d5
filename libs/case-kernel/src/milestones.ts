import type { ReferralStatus } from './lifecycle';

/** What a referrer may hear of a case, in order (the confidentiality rule in domain.md). */
export const MILESTONES = ['received', 'assigned', 'contacted', 'conversation_held', 'closed'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The milestone a status reaches, if any (a held or linked referral reaches none of its own). */
export const MILESTONE_OF_STATUS: Partial<Record<ReferralStatus, Milestone>> = {
  assigned: 'assigned',
  contacted: 'contacted',
  active: 'conversation_held',
  completed: 'closed',
  cancelled: 'closed',
  rejected: 'closed',
};

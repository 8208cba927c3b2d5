import type { ReferralStatus } from '@bro/case-kernel';
import type { EntityManager } from 'typeorm';

/** A referral row locked FOR UPDATE for the rest of the caller's transaction. */
export interface LockedReferral {
  id: string;
  municipality_id: string;
  citizen_id: string;
  status: ReferralStatus;
  area_id: string | null;
  area_overridden: boolean;
  assignee_id: string | null;
  restricted_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

export async function lockReferral(m: EntityManager, municipalityId: string, id: string): Promise<LockedReferral | null> {
  const rows: LockedReferral[] = await m.query(
    `SELECT id, municipality_id, citizen_id, status, area_id, area_overridden, assignee_id, restricted_at, closed_at, created_at
       FROM referral WHERE id = $1 AND municipality_id = $2 FOR UPDATE`,
    [id, municipalityId],
  );
  return rows[0] ?? null;
}

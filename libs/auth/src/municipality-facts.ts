import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordKeeping } from './municipality.entity';

/** The usernames of municipalities' public doors (ADR 0030); no one else may take one. */
export const PUBLIC_DOOR_PREFIX = 'public.';

/**
 * The municipality settings other libs decide by (the auth lib owns the `municipality`
 * table, ADR 0020): read in the caller's transaction, one setting at a time.
 */
@Injectable()
export class MunicipalityFacts {
  /** The IANA time zone the municipality's working days are counted in. */
  async timeZone(m: EntityManager, municipalityId: string): Promise<string> {
    const [{ time_zone }]: { time_zone: string }[] = await m.query('SELECT time_zone FROM municipality WHERE id = $1', [municipalityId]);
    return time_zone;
  }

  /** Whether a withdrawn case is kept (restricted) rather than erased: `always`, `after_contact` or never. */
  async recordKeeping(m: EntityManager, municipalityId: string): Promise<RecordKeeping> {
    const [{ rule }]: { rule: RecordKeeping }[] = await m.query('SELECT record_keeping AS rule FROM municipality WHERE id = $1', [
      municipalityId,
    ]);
    return rule;
  }

  /**
   * The municipality's public door (ADR 0030): the user a public referral is made by. It
   * is created inactive, so it can never sign in or be given a token; its organisation
   * kind puts public referrals in the council report's "citizen or relative" row.
   */
  async publicDoor(m: EntityManager, municipalityId: string): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO app_user (municipality_id, username, display_name, role, organisation_kind, active)
       VALUES ($1::uuid, $2::text || $1::uuid::text, 'Offentlig henvisning', 'referrer', 'citizen_or_relative', false)
       ON CONFLICT (username) DO UPDATE SET active = false WHERE app_user.municipality_id = EXCLUDED.municipality_id
       RETURNING id`,
      [municipalityId, PUBLIC_DOOR_PREFIX],
    );
    return id;
  }

  /** The municipalities a public referral may be sent to, by name (public: a list of public bodies). */
  async publicList(m: EntityManager): Promise<{ id: string; name: string }[]> {
    return m.query('SELECT id, name FROM municipality ORDER BY name, id');
  }

  async exists(m: EntityManager, municipalityId: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM municipality WHERE id = $1', [municipalityId]);
    return rows.length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MUNICIPALITY_SETTINGS, USER_FACTS } from '@bro/auth';
import { CONTACT_FACTS, CONVERSATION_FACTS, PLAN_VERSION_FACTS, countedForStatistics } from '@bro/casework';
import { FOLLOW_UP_FACTS, MEASUREMENT_KINDS } from '@bro/follow-up';
import { AREA_FACTS } from '@bro/matching';
import { CASE_FACTS } from '@bro/referral';
import { DataSource } from 'typeorm';

/**
 * Every read the council report makes. Reporting reads other libs' tables only through the
 * read models their owners publish (ADR 0022; ADR 0018 lists each read and why); each method is scoped by municipality, reads
 * only ids, times, codes and scores — never a name, CPR, note or other free text —
 * and the cohort's ids are the only way the later reads find their rows.
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The municipality's name, time zone (the local calendar) and when it measures after closing (the method text). */
  async municipality(municipalityId: string): Promise<MunicipalityFacts | null> {
    const rows: MunicipalityFacts[] = await this.dataSource.query(
      `SELECT name, time_zone AS "timeZone", measurement_3m_working_days AS "measurement3mWorkingDays",
              measurement_9m_working_days AS "measurement9mWorkingDays"
         FROM ${MUNICIPALITY_SETTINGS} mu WHERE id = $1`,
      [municipalityId],
    );
    return rows[0] ?? null;
  }

  /** The municipality's areas, every one (so an area with no referral shows as 0). */
  async areas(municipalityId: string): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM ${AREA_FACTS} a WHERE municipality_id = $1 ORDER BY name, id`, [municipalityId]);
  }

  /**
   * The cohort: per counted citizen (statistics rule), their first case referred in
   * [from, to] (local dates in the municipality's time zone), in the area if asked,
   * with the kind of the referrer's organisation and the case's local month.
   */
  async cohort(q: { municipalityId: string; from: string; to: string; areaId: string | null }): Promise<CohortCase[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (r.citizen_id)
              r.id, r.created_at AS "createdAt", r.area_id AS "areaId", r.reasons, r.status, r.outcome,
              to_char(r.created_at AT TIME ZONE mu.time_zone, 'YYYY-MM') AS month,
              COALESCE(u.organisation_kind, CASE WHEN u.role = 'referrer' THEN 'gp' ELSE 'other' END) AS source
         FROM ${CASE_FACTS} r
         JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = r.municipality_id
         JOIN ${USER_FACTS} u ON u.id = r.referrer_id
        WHERE ${countedForStatistics('r', '$1')}
          AND r.created_at >= ($2::date)::timestamp AT TIME ZONE mu.time_zone
          AND r.created_at < ($3::date + 1)::timestamp AT TIME ZONE mu.time_zone
          AND ($4::uuid IS NULL OR r.area_id = $4)
        ORDER BY r.citizen_id, r.created_at, r.id`,
      [q.municipalityId, q.from, q.to, q.areaId],
    );
  }

  /** When each case's citizen was first reached (a contact attempt with outcome `reached`). */
  async firstContacts(municipalityId: string, referralIds: string[]): Promise<Map<string, Date>> {
    const rows: { referralId: string; at: Date }[] = await this.dataSource.query(
      `SELECT referral_id AS "referralId", min(attempted_at) AS at FROM ${CONTACT_FACTS} ca
        WHERE municipality_id = $1 AND referral_id = ANY($2) AND outcome = 'reached'
        GROUP BY referral_id`,
      [municipalityId, referralIds],
    );
    return new Map(rows.map((r) => [r.referralId, r.at]));
  }

  /** Each case's conversations: kind, time and the WHO-5/UCLA-3 scores, oldest first. */
  async conversations(municipalityId: string, referralIds: string[]): Promise<ConversationFact[]> {
    return this.dataSource.query(
      `SELECT referral_id AS "referralId", kind, held_at AS "heldAt", who5_score AS "who5Score", ucla3_score AS "ucla3Score"
         FROM ${CONVERSATION_FACTS} cv WHERE municipality_id = $1 AND referral_id = ANY($2)
        ORDER BY referral_id, held_at, created_at`,
      [municipalityId, referralIds],
    );
  }

  /** Each version of each case's plan: when it was made and the statuses of its steps to an offer (no descriptions). */
  async planVersions(municipalityId: string, referralIds: string[]): Promise<PlanVersionFact[]> {
    return this.dataSource.query(
      `SELECT pr.referral_id AS "referralId", pr.changed_at AS "changedAt",
              COALESCE((SELECT array_agg(s->>'status') FROM jsonb_array_elements(pr.steps) s
                         WHERE jsonb_typeof(s->'offerId') = 'string'), '{}') AS "offerStepStatuses"
         FROM ${PLAN_VERSION_FACTS} pr WHERE pr.municipality_id = $1 AND pr.referral_id = ANY($2)
        ORDER BY pr.referral_id, pr.version`,
      [municipalityId, referralIds],
    );
  }

  /** Each case's measurement follow-ups 3 and 9 months on: status, due time, result and scores. */
  async measurements(municipalityId: string, referralIds: string[]): Promise<MeasurementFact[]> {
    return this.dataSource.query(
      `SELECT referral_id AS "referralId", kind, status, due_at AS "dueAt", measurement_result AS result,
              who5_score AS "who5Score", ucla3_score AS "ucla3Score"
         FROM ${FOLLOW_UP_FACTS} f WHERE municipality_id = $1 AND referral_id = ANY($2) AND kind = ANY($3)
        ORDER BY referral_id, kind, created_at`,
      [municipalityId, referralIds, MEASUREMENT_KINDS],
    );
  }
}

export interface MunicipalityFacts {
  name: string;
  timeZone: string;
  measurement3mWorkingDays: number;
  measurement9mWorkingDays: number;
}

export interface CohortCase {
  id: string;
  createdAt: Date;
  areaId: string | null;
  reasons: string[];
  status: string;
  outcome: string | null;
  month: string;
  source: string;
}

export interface ConversationFact {
  referralId: string;
  kind: string;
  heldAt: Date;
  who5Score: number | null;
  ucla3Score: number | null;
}

export interface PlanVersionFact {
  referralId: string;
  changedAt: Date;
  offerStepStatuses: string[];
}

export interface MeasurementFact {
  referralId: string;
  kind: string;
  status: string;
  dueAt: Date;
  result: string | null;
  who5Score: number | null;
  ucla3Score: number | null;
}

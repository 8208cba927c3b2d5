import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countedForStatistics } from './statistics-rule';
import { MUNICIPALITY_SETTINGS } from '@bro/auth';
import { AREA_FACTS } from '@bro/matching';
import { CASE_FACTS } from '@bro/referral';

/** The cases statistics may count (the one rule, shared with the council report). */
const COUNTED = countedForStatistics('r', '$1');

/** The counts as counted, before the small-count rule (`StatisticsService` publishes them protected). */
export interface CountedStatistics {
  referralsPerMonth: { month: string; reason: string; count: number }[];
  referralsPerArea: { areaId: string | null; areaName: string | null; count: number }[];
  daysToFirstContact: { cases: number; median: number | null; average: number | null };
  outcomes: { outcome: string; count: number }[];
  wellbeingChange: { cases: number; who5: number | null; ucla3: number | null };
}

/**
 * The statistics' SQL: counts and averages over the cases the statistics rule counts,
 * joined to casework's own tables and read through the case, municipality and area
 * read models their owners publish (ADR 0022).
 */
@Injectable()
export class StatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** No separate total: the counted cases are the sum per area (every case has one area or none), so they always add up. */
  async overview(m: string): Promise<CountedStatistics> {
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query<T[]>(sql, [m]);
    const referralsPerMonth = await q<CountedStatistics['referralsPerMonth'][number]>(
      `SELECT to_char(r.created_at AT TIME ZONE mu.time_zone, 'YYYY-MM') AS month, reason, count(*)::int AS count
         FROM ${CASE_FACTS} r JOIN ${MUNICIPALITY_SETTINGS} mu ON mu.id = r.municipality_id, unnest(r.reasons) AS reason
        WHERE ${COUNTED}
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const referralsPerArea = await q<CountedStatistics['referralsPerArea'][number]>(
      `SELECT r.area_id AS "areaId", a.name AS "areaName", count(*)::int AS count
         FROM ${CASE_FACTS} r LEFT JOIN ${AREA_FACTS} a ON a.id = r.area_id
        WHERE ${COUNTED}
        GROUP BY 1, 2 ORDER BY count DESC, 2`,
    );
    const [daysToFirstContact] = await q<CountedStatistics['daysToFirstContact']>(
      `SELECT count(*)::int AS cases,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::numeric, 1)::float AS median,
              round(avg(days)::numeric, 1)::float AS average
         FROM (SELECT extract(epoch FROM min(ca.attempted_at) - r.created_at) / 86400 AS days
                 FROM ${CASE_FACTS} r JOIN contact_attempt ca ON ca.referral_id = r.id AND ca.outcome = 'reached'
                WHERE ${COUNTED}
                GROUP BY r.id, r.created_at) firsts`,
    );
    const outcomes = await q<CountedStatistics['outcomes'][number]>(
      `SELECT r.outcome, count(*)::int AS count FROM ${CASE_FACTS} r
        WHERE ${COUNTED} AND r.status = 'completed' AND r.outcome IS NOT NULL
        GROUP BY 1 ORDER BY count DESC, 1`,
    );
    // Change from the first scored conversation to the latest, per case with two or more.
    const [wellbeingChange] = await q<CountedStatistics['wellbeingChange']>(
      `SELECT count(*)::int AS cases, round(avg(who5)::numeric, 1)::float AS who5, round(avg(ucla3)::numeric, 1)::float AS ucla3
         FROM (SELECT (array_agg(cv.who5_score ORDER BY cv.held_at DESC) FILTER (WHERE cv.who5_score IS NOT NULL))[1]
                    - (array_agg(cv.who5_score ORDER BY cv.held_at) FILTER (WHERE cv.who5_score IS NOT NULL))[1] AS who5,
                      (array_agg(cv.ucla3_score ORDER BY cv.held_at DESC) FILTER (WHERE cv.ucla3_score IS NOT NULL))[1]
                    - (array_agg(cv.ucla3_score ORDER BY cv.held_at) FILTER (WHERE cv.ucla3_score IS NOT NULL))[1] AS ucla3
                 FROM ${CASE_FACTS} r JOIN conversation cv ON cv.referral_id = r.id
                WHERE ${COUNTED} AND (cv.who5_score IS NOT NULL OR cv.ucla3_score IS NOT NULL)
                GROUP BY r.id HAVING count(*) > 1) changes`,
    );
    return { referralsPerMonth, referralsPerArea, daysToFirstContact, outcomes, wellbeingChange };
  }
}

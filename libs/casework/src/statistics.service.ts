import { Injectable } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import { protectBreakdowns, protectCount, type ProtectedCount, SUPPRESSION_THRESHOLD } from '@bro/case-kernel';
import { StatisticsRepository } from './statistics.repository';

/** A count as `GET /v1/statistics` publishes it: the number, or null with why it is hidden. */
interface Protected {
  count: number | null;
  suppressed: boolean;
  /** `small`: 1–4 citizens ("< 5"); `complementary`: hidden so a total cannot give a small one away. */
  suppression?: 'small' | 'complementary';
}

export interface Statistics {
  /** The small-count threshold: counts of 1 to threshold − 1 citizens are never shown. */
  threshold: number;
  countedCases: number | null;
  countedCasesSuppressed: boolean;
  countedCasesSuppression?: 'small' | 'complementary';
  referralsPerMonth: ({ month: string; reason: string } & Protected)[];
  referralsPerArea: ({ areaId: string | null; areaName: string | null } & Protected)[];
  daysToFirstContact: { cases: number | null; suppressed: boolean; median: number | null; average: number | null };
  outcomes: ({ outcome: string } & Protected)[];
  wellbeingChange: { cases: number | null; suppressed: boolean; who5: number | null; ucla3: number | null };
}

const published = (c: ProtectedCount): Protected =>
  c.suppressed ? { count: null, suppressed: true, suppression: c.reason } : { count: c.value, suppressed: false };

/**
 * `GET /v1/statistics` — numbers for the coordinators' reports, counted only over
 * cases whose consent allows statistics; counts and averages, never people. Protected
 * by the council report's one small-count rule (ADR 0018, `protectBreakdowns` in the
 * case kernel): the counted cases and their split by area add up, so they are
 * protected together (complementary cells hidden); the per-month reasons (a case has
 * several) and the outcomes (of completed cases, whose total is not published) are
 * parts of no published sum, so each count stands alone. A median, average or change
 * over fewer than 5 cases describes too few people and is not given.
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly repository: StatisticsRepository) {}

  async overview(actor: Actor): Promise<Statistics> {
    const raw = await this.repository.overview(actor.municipalityId);
    const total = raw.referralsPerArea.reduce((sum, a) => sum + a.count, 0);
    const byArea = protectBreakdowns(total, [raw.referralsPerArea.map((a) => a.count)]);
    const counted = published(byArea.total);
    const enough = (cases: number) => cases === 0 || cases >= SUPPRESSION_THRESHOLD;
    const days = raw.daysToFirstContact;
    const change = raw.wellbeingChange;
    return {
      threshold: SUPPRESSION_THRESHOLD,
      countedCases: counted.count,
      countedCasesSuppressed: counted.suppressed,
      ...(counted.suppression ? { countedCasesSuppression: counted.suppression } : {}),
      referralsPerMonth: raw.referralsPerMonth.map(({ count, ...r }) => ({ ...r, ...published(protectCount(count)) })),
      referralsPerArea: raw.referralsPerArea.map(({ count: _, ...a }, i) => ({ ...a, ...published(byArea.breakdowns[0][i]) })),
      daysToFirstContact: enough(days.cases)
        ? { ...days, suppressed: false }
        : { cases: null, suppressed: true, median: null, average: null },
      outcomes: raw.outcomes.map(({ count, ...o }) => ({ ...o, ...published(protectCount(count)) })),
      wellbeingChange: enough(change.cases) ? { ...change, suppressed: false } : { cases: null, suppressed: true, who5: null, ucla3: null },
    };
  }
}

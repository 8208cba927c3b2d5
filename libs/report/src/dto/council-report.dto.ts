import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import type { ProtectedCount } from '@bro/case-kernel';

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /v1/reports/council?from=&to=&areaId=&format=` */
export class CouncilReportQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description: 'First day of the period (local date); default 1 January this year',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Last day of the period (local date, included); default today',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only referrals routed to this local area' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description: 'csv: UTF-8 with BOM, `;`-separated, Danish headers; pdf: the report in Danish',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: ReportFormat = 'json';
}

/** One category of a breakdown: its count (or why it is hidden) and its share of the breakdown's total, in %. */
export interface ReportRow {
  key: string;
  label: string;
  count: ProtectedCount;
  share: number | null;
}

/** Counts of citizens by a category, with their total. */
export interface Breakdown {
  total: ProtectedCount;
  rows: ReportRow[];
}

/** Working days from the referral to an event: median and 90th percentile over `n` citizens. */
export interface Duration {
  n: ProtectedCount;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
}

/** A score before and after for `n` citizens: means, the mean change and its 95 % confidence interval. */
export interface ScoreChange {
  n: ProtectedCount;
  baselineMean: number | null;
  laterMean: number | null;
  meanChange: number | null;
  ci95: { lower: number; upper: number } | null;
}

export interface AfterClosing {
  /** The citizens with this measurement planned, by what became of it. */
  followUps: Breakdown;
  who5: ScoreChange;
  ucla3: ScoreChange;
}

/**
 * The council report (udvalgsrapport): anonymised figures for the committee. Every
 * count is protected by the small-group rule — a hidden one is `null` with
 * `suppressed: true` and the reason (`small`: 1–4 citizens, shown "< 5";
 * `complementary`: hidden so that a small one cannot be worked out, shown "(skjult)").
 */
export interface CouncilReport {
  title: string;
  municipality: string;
  period: { from: string; to: string };
  area: { id: string; name: string } | null;
  generatedAt: string;
  threshold: number;
  citizens: ProtectedCount;
  referrals: { bySource: Breakdown; byReason: Breakdown; byArea: Breakdown; byMonth: Breakdown };
  time: { toFirstContact: Duration; toFirstConversation: Duration };
  bridging: { bridged: Breakdown; continuingAt3Months: Breakdown };
  wellbeing: { who5: ScoreChange; ucla3: ScoreChange };
  afterClosing: { months3: AfterClosing; months9: AfterClosing };
  outcomes: Breakdown;
  method: { da: string[]; en: string[] };
}

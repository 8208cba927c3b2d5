import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const SUPPRESSION = {
  type: String,
  enum: ['small', 'complementary'],
  description: 'Why the count is hidden: small (1–4 citizens, "< 5"), or complementary (hidden so a total cannot give a small one away)',
} as const;

export class MonthReasonCount {
  @ApiProperty({ type: String, example: '2026-03' }) month: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) count: number | null;
  @ApiProperty({ type: Boolean }) suppressed: boolean;
  @ApiPropertyOptional(SUPPRESSION) suppression?: 'small' | 'complementary';
}

export class AreaCount {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ type: String, nullable: true }) areaName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) count: number | null;
  @ApiProperty({ type: Boolean }) suppressed: boolean;
  @ApiPropertyOptional(SUPPRESSION) suppression?: 'small' | 'complementary';
}

export class DaysToFirstContact {
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed (1–4 cases: no median or average either)' })
  cases: number | null;
  @ApiProperty({ type: Boolean }) suppressed: boolean;
  @ApiProperty({ type: Number, nullable: true }) median: number | null;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
}

export class OutcomeCount {
  @ApiProperty({ type: String }) outcome: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) count: number | null;
  @ApiProperty({ type: Boolean }) suppressed: boolean;
  @ApiPropertyOptional(SUPPRESSION) suppression?: 'small' | 'complementary';
}

export class WellbeingChange {
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed (1–4 cases: no mean change either)' })
  cases: number | null;
  @ApiProperty({ type: Boolean }) suppressed: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean change of the WHO-5 score' }) who5: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean change of the UCLA-3 score' }) ucla3: number | null;
}

/**
 * `GET /v1/statistics`: only over cases whose consent allows statistics, every count
 * under the council report's small-count rule (ADR 0018).
 */
export class Statistics {
  @ApiProperty({ type: Number, example: 5, description: 'Counts of 1 to threshold − 1 citizens are never shown' }) threshold: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) countedCases: number | null;
  @ApiProperty({ type: Boolean }) countedCasesSuppressed: boolean;
  @ApiPropertyOptional(SUPPRESSION) countedCasesSuppression?: 'small' | 'complementary';
  @ApiProperty({ type: () => [MonthReasonCount] }) referralsPerMonth: MonthReasonCount[];
  @ApiProperty({ type: () => [AreaCount] }) referralsPerArea: AreaCount[];
  @ApiProperty({ type: () => DaysToFirstContact }) daysToFirstContact: DaysToFirstContact;
  @ApiProperty({ type: () => [OutcomeCount] }) outcomes: OutcomeCount[];
  @ApiProperty({ type: () => WellbeingChange }) wellbeingChange: WellbeingChange;
}

import { ApiProperty } from '@nestjs/swagger';

export class MonthReasonCount {
  @ApiProperty({ type: String, example: '2026-03' }) month: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: Number }) count: number;
}

export class AreaCount {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ type: String, nullable: true }) areaName: string | null;
  @ApiProperty({ type: Number }) count: number;
}

export class DaysToFirstContact {
  @ApiProperty({ type: Number }) cases: number;
  @ApiProperty({ type: Number, nullable: true }) median: number | null;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
}

export class OutcomeCount {
  @ApiProperty({ type: String }) outcome: string;
  @ApiProperty({ type: Number }) count: number;
}

export class WellbeingChange {
  @ApiProperty({ type: Number }) cases: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean change of the WHO-5 score' }) who5: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean change of the UCLA-3 score' }) ucla3: number | null;
}

/** `GET /v1/statistics`: only over cases whose consent allows statistics. */
export class Statistics {
  @ApiProperty({ type: Number }) countedCases: number;
  @ApiProperty({ type: () => [MonthReasonCount] }) referralsPerMonth: MonthReasonCount[];
  @ApiProperty({ type: () => [AreaCount] }) referralsPerArea: AreaCount[];
  @ApiProperty({ type: () => DaysToFirstContact }) daysToFirstContact: DaysToFirstContact;
  @ApiProperty({ type: () => [OutcomeCount] }) outcomes: OutcomeCount[];
  @ApiProperty({ type: () => WellbeingChange }) wellbeingChange: WellbeingChange;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A count in the report: the number, or hidden — `small` (1–4 citizens, "< 5") or `complementary` ("(skjult)"). */
export class ReportCount {
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Boolean }) suppressed: boolean;
  @ApiPropertyOptional({ type: String, enum: ['small', 'complementary'] }) reason?: 'small' | 'complementary';
}

/** One category of a breakdown: its count and its share of the breakdown’s total, in %. */
export class ReportRow {
  @ApiProperty({ type: String }) key: string;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: () => ReportCount }) count: ReportCount;
  @ApiProperty({ type: Number, nullable: true }) share: number | null;
}

/** Counts of citizens by a category, with their total. */
export class ReportBreakdown {
  @ApiProperty({ type: () => ReportCount }) total: ReportCount;
  @ApiProperty({ type: () => [ReportRow] }) rows: ReportRow[];
}

/** Working days from the referral to an event: median and 90th percentile over `n` citizens. */
export class ReportDuration {
  @ApiProperty({ type: () => ReportCount }) n: ReportCount;
  @ApiProperty({ type: Number, nullable: true }) medianWorkingDays: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90WorkingDays: number | null;
}

export class ConfidenceInterval {
  @ApiProperty({ type: Number }) lower: number;
  @ApiProperty({ type: Number }) upper: number;
}

/** A score before and after for `n` citizens: means, the mean change and its 95 % confidence interval. */
export class ReportChange {
  @ApiProperty({ type: () => ReportCount }) n: ReportCount;
  @ApiProperty({ type: Number, nullable: true }) baselineMean: number | null;
  @ApiProperty({ type: Number, nullable: true }) laterMean: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanChange: number | null;
  @ApiProperty({ type: () => ConfidenceInterval, nullable: true }) ci95: ConfidenceInterval | null;
}

export class ReportPeriod {
  @ApiProperty({ type: String, format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date' }) to: string;
}

export class ReportArea {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
}

export class ReportReferrals {
  @ApiProperty({ type: () => ReportBreakdown, description: 'By organisation kind' }) bySource: ReportBreakdown;
  @ApiProperty({ type: () => ReportBreakdown }) byReason: ReportBreakdown;
  @ApiProperty({ type: () => ReportBreakdown }) byArea: ReportBreakdown;
  @ApiProperty({ type: () => ReportBreakdown }) byMonth: ReportBreakdown;
}

export class ReportTime {
  @ApiProperty({ type: () => ReportDuration }) toFirstContact: ReportDuration;
  @ApiProperty({ type: () => ReportDuration }) toFirstConversation: ReportDuration;
}

export class ReportBridging {
  @ApiProperty({ type: () => ReportBreakdown }) bridged: ReportBreakdown;
  @ApiProperty({ type: () => ReportBreakdown }) continuingAt3Months: ReportBreakdown;
}

export class ReportWellbeing {
  @ApiProperty({ type: () => ReportChange }) who5: ReportChange;
  @ApiProperty({ type: () => ReportChange }) ucla3: ReportChange;
}

/** 3 or 9 months after the first conversation: the planned measurements by what became of them, and the score change. */
export class ReportAfterClosingPeriod {
  @ApiProperty({ type: () => ReportBreakdown }) followUps: ReportBreakdown;
  @ApiProperty({ type: () => ReportChange }) who5: ReportChange;
  @ApiProperty({ type: () => ReportChange }) ucla3: ReportChange;
}

export class ReportAfterClosing {
  @ApiProperty({ type: () => ReportAfterClosingPeriod }) months3: ReportAfterClosingPeriod;
  @ApiProperty({ type: () => ReportAfterClosingPeriod }) months9: ReportAfterClosingPeriod;
}

export class ReportMethod {
  @ApiProperty({ type: [String] }) da: string[];
  @ApiProperty({ type: [String] }) en: string[];
}

/** `GET /v1/reports/council` as JSON (ADR 0018). */
export class CouncilReport {
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) municipality: string;
  @ApiProperty({ type: () => ReportPeriod }) period: ReportPeriod;
  @ApiProperty({ type: () => ReportArea, nullable: true }) area: ReportArea | null;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: Number, description: 'The smallest count shown' }) threshold: number;
  @ApiProperty({ type: () => ReportCount }) citizens: ReportCount;
  @ApiProperty({ type: () => ReportReferrals }) referrals: ReportReferrals;
  @ApiProperty({ type: () => ReportTime }) time: ReportTime;
  @ApiProperty({ type: () => ReportBridging }) bridging: ReportBridging;
  @ApiProperty({ type: () => ReportWellbeing }) wellbeing: ReportWellbeing;
  @ApiProperty({ type: () => ReportAfterClosing }) afterClosing: ReportAfterClosing;
  @ApiProperty({ type: () => ReportBreakdown }) outcomes: ReportBreakdown;
  @ApiProperty({ type: () => ReportMethod }) method: ReportMethod;
}

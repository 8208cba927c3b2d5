import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A completed measurement (3 or 9 months after): how it went and its scores. */
export class MeasurementResult {
  @ApiProperty({ type: String }) result: string;
  @ApiProperty({ type: Number, nullable: true }) who5Score: number | null;
  @ApiProperty({ type: Number, nullable: true }) ucla3Score: number | null;
}

/** A follow-up: a dated promise to a citizen. */
export class FollowUpCitizen {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Masked, DDMMYY-****' }) cpr: string | null;
}

export class FollowUpAssignee {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
}

export class FollowUp {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) referralId: string;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: String }) status: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The brobygger id' }) assigneeId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) overdueSince?: string;
  @ApiProperty({ type: Boolean }) escalated: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only where the case’s notes are disclosed to the caller' })
  note?: string | null;
  @ApiPropertyOptional({ type: () => MeasurementResult }) measurement?: MeasurementResult;
  @ApiPropertyOptional({ type: () => FollowUpCitizen, description: 'Whom the task is about, for callers who may see the case' })
  citizen?: FollowUpCitizen;
  @ApiPropertyOptional({ type: () => FollowUpAssignee, nullable: true, description: 'Who holds it, for callers who may see the case' })
  assignee?: FollowUpAssignee | null;
}

/** One brobygger’s load, for coordinators. */
export class Caseload {
  @ApiProperty({ type: String, format: 'uuid' }) brobyggerId: string;
  @ApiProperty({ type: Number }) activeCases: number;
  @ApiProperty({ type: Number }) capacity: number;
}

/** One area’s open and waiting cases, for coordinators. */
export class AreaLoad {
  @ApiProperty({ type: String, format: 'uuid' }) areaId: string;
  @ApiProperty({ type: Number }) open: number;
  @ApiProperty({ type: Number }) waiting: number;
}

/** `GET /v1/queues/summary`: counts for the caller’s scope; coordinators also get loads and undelivered e-mails. */
export class QueueSummary {
  @ApiProperty({ type: Number }) unassigned: number;
  @ApiProperty({ type: Number, description: 'Public referrals waiting for a first call (ADR 0030)' }) awaitingConsent: number;
  @ApiProperty({ type: Number }) firstContactDue: number;
  @ApiProperty({ type: Number }) dueToday: number;
  @ApiProperty({ type: Number }) overdue: number;
  @ApiProperty({ type: Number }) escalated: number;
  @ApiPropertyOptional({ type: Number, description: 'Coordinators: e-mails that could not be delivered (ADR 0017)' })
  undeliveredMessages?: number;
  @ApiPropertyOptional({ type: () => [Caseload] }) caseload?: Caseload[];
  @ApiPropertyOptional({ type: () => [AreaLoad] }) areas?: AreaLoad[];
}

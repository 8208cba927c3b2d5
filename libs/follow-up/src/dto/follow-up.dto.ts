import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime, PageQuery } from '@bro/platform';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const FOLLOW_UP_KINDS = [
  'first_contact',
  'follow_up_call',
  'review',
  'outcome_measurement',
  'custom',
  'measurement_3m',
  'measurement_9m',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
/** The measurements 3 and 9 months on come from the flow, once per case; they are not added by hand. */
export const CREATABLE_FOLLOW_UP_KINDS = ['first_contact', 'follow_up_call', 'review', 'outcome_measurement', 'custom'] as const;
/** `open`: every open follow-up, whatever its due time (e.g. all first contacts still to make). */
export const FOLLOW_UP_VIEWS = ['due_today', 'overdue', 'escalated', 'upcoming', 'open'] as const;

export class CreateFollowUpDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  referralId: string;

  @ApiProperty({ enum: CREATABLE_FOLLOW_UP_KINDS, example: 'custom' })
  @IsIn(CREATABLE_FOLLOW_UP_KINDS)
  kind: (typeof CREATABLE_FOLLOW_UP_KINDS)[number];

  @ApiProperty({ example: '2026-12-01T10:00:00+01:00' })
  @IsDateTime()
  dueAt: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CompleteFollowUpDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({
    enum: ['measured', 'declined', 'unreachable'],
    description:
      'Measurements (measurement_3m, measurement_9m) only: `measured` with who5 and/or ucla3 (the default when answers are given), or that the citizen `declined` or could not be reached',
  })
  @IsOptional()
  @IsIn(['measured', 'declined', 'unreachable'])
  result?: 'measured' | 'declined' | 'unreachable';

  @ApiPropertyOptional({ description: 'Measurements only — WHO-5: five items 0–5', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsNumber({}, { each: true })
  who5?: number[];

  @ApiPropertyOptional({ description: 'Measurements only — UCLA-3: three items 1–3', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsNumber({}, { each: true })
  ucla3?: number[];
}

export class ListFollowUpsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FOLLOW_UP_VIEWS, default: 'overdue' })
  @IsOptional()
  @IsIn(FOLLOW_UP_VIEWS)
  view: (typeof FOLLOW_UP_VIEWS)[number] = 'overdue';

  @ApiPropertyOptional({ description: '`me`, or a brobygger id' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assignee must be "me" or a brobygger id' })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_KINDS })
  @IsOptional()
  @IsIn(FOLLOW_UP_KINDS)
  kind?: FollowUpKind;

  @ApiPropertyOptional({ enum: ['dueAt', '-dueAt'], default: 'dueAt' })
  @IsOptional()
  @IsIn(['dueAt', '-dueAt'])
  sort: 'dueAt' | '-dueAt' = 'dueAt';
}

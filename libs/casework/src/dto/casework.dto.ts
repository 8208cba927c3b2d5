import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime } from '@bro/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export const ATTEMPT_OUTCOMES = ['reached', 'no_answer', 'declined'] as const;
export const CHANNELS = ['phone', 'sms', 'email', 'letter', 'in_person'] as const;
export const CONVERSATION_KINDS = ['first', 'follow_up', 'phone'] as const;
export const STEP_STATUSES = [
  'planned',
  'contacted_offer',
  'first_visit_booked',
  'attended',
  'continuing',
  'did_not_attend',
  'cannot_receive',
  'dropped',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const TRANSPORT = ['citizen', 'brobygger', 'companion', 'organisation', 'none'] as const;

export class ContactAttemptDto {
  @ApiProperty({ enum: ATTEMPT_OUTCOMES })
  @IsIn(ATTEMPT_OUTCOMES)
  outcome: (typeof ATTEMPT_OUTCOMES)[number];

  @ApiPropertyOptional({ enum: CHANNELS, default: 'phone' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: (typeof CHANNELS)[number];

  @ApiPropertyOptional({ description: 'When the attempt was made, if not now (e.g. logged afterwards); never in the future' })
  @IsOptional()
  @IsDateTime()
  attemptedAt?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ConversationDto {
  @ApiProperty({ example: '2026-11-20T10:00:00+01:00' })
  @IsDateTime()
  heldAt: string;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes: number;

  @ApiProperty({ example: 'Havehuset' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location: string;

  @ApiProperty({ enum: CONVERSATION_KINDS })
  @IsIn(CONVERSATION_KINDS)
  kind: (typeof CONVERSATION_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'The booked appointment this conversation was held at: it becomes held' })
  @IsOptional()
  @IsUUID()
  appointmentId?: string;

  @ApiPropertyOptional({ description: 'Samtalehjulet: { <domain>: 1..10 }', example: { health: 6, relations: 3 } })
  @IsOptional()
  @IsObject()
  // class-transformer drops keys such as `constructor` or `toString` from a plain
  // object without a word; the wheel keeps every key sent, so checkWheel answers 422.
  @Transform(({ obj }: { obj: { wheel?: unknown } }) => (isPlainObject(obj.wheel) ? { ...obj.wheel } : obj.wheel))
  wheel?: Record<string, number>;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;

  @ApiPropertyOptional({ description: '"Min samtale": what matters to me', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  whatMatters?: string;

  @ApiPropertyOptional({ description: '"Min samtale": my dreams and wishes', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  wishes?: string;

  @ApiPropertyOptional({ description: '"Min samtale": what I want to try', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  wantToTry?: string;

  @ApiPropertyOptional({ description: 'WHO-5: five items 0–5', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsNumber({}, { each: true })
  who5?: number[];

  @ApiPropertyOptional({ description: 'UCLA-3: three items 1–3', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsNumber({}, { each: true })
  ucla3?: number[];
}

export class PlanStepDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The step’s stable id: send it back to keep the step (and its hand-offs) across plan versions; new steps get one',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A host (vært) of the step’s offer who receives the citizen' })
  @IsOptional()
  @IsUUID()
  hostId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The følgeven who goes along to the first visit' })
  @IsOptional()
  @IsUUID()
  companionId?: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The offer (tilbud) this step bridges to' })
  @IsOptional()
  @IsUUID()
  offerId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateTime()
  dueAt?: string;

  @ApiPropertyOptional({ description: 'A companion (følgeven) goes along to the first visit' })
  @IsOptional()
  @IsBoolean()
  companion?: boolean;

  @ApiPropertyOptional({ description: 'The named host (vært) who receives the citizen', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  host?: string;

  @ApiPropertyOptional({ enum: TRANSPORT, description: 'Who arranges transport to the first visit' })
  @IsOptional()
  @IsIn(TRANSPORT)
  transport?: (typeof TRANSPORT)[number];

  @ApiPropertyOptional({ enum: STEP_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(STEP_STATUSES)
  status?: (typeof STEP_STATUSES)[number];
}

export class PlanDto {
  @ApiProperty({ type: [String], example: ['Komme ud blandt andre en gang om ugen'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  goals: string[];

  @ApiProperty({ type: [PlanStepDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  steps: PlanStepDto[];
}

export class OtherContactDto {
  @ApiProperty({ example: 'Alkoholbehandlingen', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  service: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  person?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;
}

export class OtherContactsDto {
  @ApiProperty({ type: [OtherContactDto], description: 'The citizen’s other municipal contacts' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OtherContactDto)
  otherContacts: OtherContactDto[];

  @ApiPropertyOptional({ description: 'Who holds responsibility for the ongoing contact', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  responsibleContact?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

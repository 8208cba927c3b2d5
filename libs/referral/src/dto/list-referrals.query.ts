import { REFERRAL_STATUSES, ReferralStatus } from '@bro/case-kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@bro/platform';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { REASON_CODES, type ReasonCode } from '../reasons';

export const REFERRAL_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'status', '-status', 'name', '-name'] as const;
export type ReferralSort = (typeof REFERRAL_SORTS)[number];

/** `open` and `closed` stand for every status of the kind (the case kernel's sets). */
export const REFERRAL_STATUS_FILTERS = ['open', 'closed', ...REFERRAL_STATUSES] as const;
export type ReferralStatusFilter = 'open' | 'closed' | ReferralStatus;

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: REFERRAL_STATUS_FILTERS,
    description:
      '`open` / `closed`: any status of that kind. `possible_duplicate`: another clinic’s referrals held until decided (ADR 0014)',
  })
  @IsOptional()
  @IsIn(REFERRAL_STATUS_FILTERS)
  status?: ReferralStatusFilter;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ description: '`me`, or a brobygger id' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assignee must be "me" or a brobygger id' })
  assignee?: string;

  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 100,
    description:
      'A fragment of the citizen’s name (case and accents ignored) or of their phone number (digits). Never a CPR number: ' +
      'that is `POST /v1/referrals/search` (400 here). Staff only (ADR 0024).',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: REASON_CODES, description: 'Cases referred for this reason (staff only)' })
  @IsOptional()
  @IsIn(REASON_CODES)
  reason?: ReasonCode;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: '`true`: cases background work gave up on or flagged to consider unreachable (staff only)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  needsAttention?: 'true' | 'false';

  @ApiPropertyOptional({ enum: REFERRAL_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(REFERRAL_SORTS)
  sort: ReferralSort = '-createdAt';
}

export class SearchReferralsDto {
  @ApiProperty({ example: '0101451234', description: 'The citizen’s CPR number (DDMMYYSSSS or DDMMYY-SSSS), matched by its keyed hash' })
  @IsString()
  @MaxLength(20)
  cpr: string;
}

import { REFERRAL_STATUSES, ReferralStatus } from '@bro/case-kernel';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@bro/platform';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

export const REFERRAL_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'status', '-status'] as const;
export type ReferralSort = (typeof REFERRAL_SORTS)[number];

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: REFERRAL_STATUSES,
    description: '`possible_duplicate`: another clinic’s referrals held until decided (ADR 0014)',
  })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ description: '`me`, or a brobygger id' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assignee must be "me" or a brobygger id' })
  assignee?: string;

  @ApiPropertyOptional({ enum: REFERRAL_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(REFERRAL_SORTS)
  sort: ReferralSort = '-createdAt';
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export const DUPLICATE_DECISIONS = ['confirm', 'reject'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

export class DuplicateDecisionDto {
  @ApiProperty({
    enum: DUPLICATE_DECISIONS,
    description:
      'confirm: the referral joins the citizen’s open case (or, if none is open any more, is routed as a new case); ' +
      'reject: it is closed as rejected',
  })
  @IsIn(DUPLICATE_DECISIONS)
  decision: DuplicateDecision;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Talt med borgeren', description: 'Why; seen by staff only, erased with the referral' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export const DETAIL_DECISIONS = ['accept', 'ignore'] as const;
export type DetailDecision = (typeof DETAIL_DECISIONS)[number];

export class ReportedDetailsDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'The id of one entry of the case’s `reportedDetails`' })
  @IsUUID()
  detailId: string;

  @ApiProperty({ enum: DETAIL_DECISIONS, description: 'accept: the reported fields replace the citizen’s; ignore: they stay as they are' })
  @IsIn(DETAIL_DECISIONS)
  decision: DetailDecision;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HANDOVER_ANSWERS, HandoverAnswer } from '@bro/case-kernel';
import { IsDateTime } from '@bro/platform';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export const HANDOVER_RECIPIENTS = ['host', 'companion'] as const;

/** `POST /v1/referrals/:id/plan/steps/:stepId/handover` */
export class HandoverDto {
  @ApiProperty({ enum: HANDOVER_RECIPIENTS, description: 'The step’s host (vært) or its følgeven' })
  @IsIn(HANDOVER_RECIPIENTS)
  to: (typeof HANDOVER_RECIPIENTS)[number];

  @ApiProperty({ format: 'date-time', example: '2026-12-03T10:00:00+01:00', description: 'When the citizen comes the first time' })
  @IsDateTime()
  firstVisitAt: string;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'A short message the citizen agreed to, shown on the hand-off page (e.g. "Kommer gerne lidt før")',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  message?: string;
}

/** `POST /v1/handover/:token/answer`: the host or følgeven tells how the first visit went. */
export class HandoverAnswerDto {
  @ApiProperty({ enum: HANDOVER_ANSWERS })
  @IsIn(HANDOVER_ANSWERS)
  answer: HandoverAnswer;

  @ApiPropertyOptional({ maxLength: 500, description: 'For the brobygger' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** `POST /v1/offer-check/:token`: the host confirms the offer (or says it no longer runs). */
export class OfferCheckAnswerDto {
  @ApiProperty({ description: 'false pauses the offer in the directory' })
  @IsBoolean()
  running: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, nullable: true, description: 'Free places now; 0 is "no room right now"' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  freePlaces?: number | null;

  @ApiPropertyOptional({ maxLength: 500, example: 'Tirsdage kl. 10–12' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  schedule?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

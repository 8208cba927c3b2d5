import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@bro/platform';
import { IsIn, IsInt, IsTimeZone, Max, Min } from 'class-validator';
import { RECORD_KEEPING, RecordKeeping } from '../municipality.entity';

/** `PATCH /v1/municipality`: any subset of the settings (none of them null); ranges as the database's CHECKs. */
export class UpdateMunicipalitySettingsDto {
  @ApiPropertyOptional({ example: 'Europe/Copenhagen', description: 'IANA time zone for due times and working days' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'Working days from assignment to the first contact deadline' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(30)
  firstContactWorkingDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Days from a conversation to the follow-up call' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(365)
  followUpCallDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'Days from a conversation to the review' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(730)
  reviewDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 30, description: 'Working days overdue before a follow-up is escalated' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(30)
  escalateAfterWorkingDays?: number;

  @ApiPropertyOptional({
    minimum: 20,
    maximum: 130,
    description: 'Working days from the first conversation to the WHO-5/UCLA-3 measurement "3 months on" (63 ≈ a quarter of a year)',
  })
  @IsOmittable()
  @IsInt()
  @Min(20)
  @Max(130)
  measurement3mWorkingDays?: number;

  @ApiPropertyOptional({
    minimum: 60,
    maximum: 390,
    description: 'Working days from the first conversation to the WHO-5/UCLA-3 measurement "9 months on" (189 ≈ three quarters of a year)',
  })
  @IsOmittable()
  @IsInt()
  @Min(60)
  @Max(390)
  measurement9mWorkingDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Years a closed case is kept before the nightly erasure' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(50)
  retentionYears?: number;

  @ApiPropertyOptional({ enum: RECORD_KEEPING, description: 'Whether a case whose consent is withdrawn is kept (restricted) or erased' })
  @IsOmittable()
  @IsIn(RECORD_KEEPING)
  recordKeeping?: RecordKeeping;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, description: 'Months between the checks mailed to an offer’s host (issue 16)' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(24)
  offerCheckMonths?: number;
}

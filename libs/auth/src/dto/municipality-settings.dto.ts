import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@bro/platform';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { RECORD_KEEPING, RecordKeeping } from '../municipality.entity';

/** A GS1 location number (GLN/EAN): 13 digits, the last a check digit (weights 3 and 1 from the right). */
export function isGln(value: string): boolean {
  if (!/^[0-9]{13}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

@ValidatorConstraint({ name: 'gln' })
class GlnCheck implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return value === null || (typeof value === 'string' && isGln(value));
  }
  defaultMessage() {
    return 'gln must be a GLN location number: 13 digits with a valid check digit';
  }
}

/** The municipality's MedCom identity (ADR 0028); null clears a part. */
export class MedcomIdentityDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '953741000016009', description: 'SOR code (6–18 digits)' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{6,18}$/, { message: 'sor must be a SOR code: 6 to 18 digits' })
  sor?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '5790001348120', description: 'GLN/EAN location number (13 digits)' })
  @IsOptional()
  @IsString()
  @Validate(GlnCheck)
  gln?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Roskilde Kommune, Social henvisning' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;
}

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

  @ApiPropertyOptional({ type: MedcomIdentityDto, description: 'The MedCom identity: SOR code, GLN location number, name (ADR 0028)' })
  @IsOmittable()
  @IsObject() // ValidateNested alone lets an array through, and an empty one has nothing to fail
  @ValidateNested()
  @Type(() => MedcomIdentityDto)
  medcom?: MedcomIdentityDto;
}

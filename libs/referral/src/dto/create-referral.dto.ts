import { applyDecorators } from '@nestjs/common';
import { CONSENT_METHODS, ConsentMethod, FEEDBACK_LEVELS, FeedbackLevel } from '@bro/case-kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsPhone } from '@bro/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CONTACT_CHANNELS, ContactChannel } from '../citizen.entity';
import { REASON_CODES, ReasonCode } from '../reasons';

/**
 * Why someone is referred: one or more of the reason codes, each once — the same field on
 * every door (`POST /v1/referrals`, the public form). Applied in reverse, as stacked
 * decorators are, so the problems come out in the order they always have.
 */
export const ReasonsField = (example: ReasonCode[]) =>
  applyDecorators(
    IsIn(REASON_CODES, { each: true }),
    ArrayUnique(),
    ArrayMaxSize(REASON_CODES.length),
    ArrayMinSize(1),
    IsArray(),
    ApiProperty({ enum: REASON_CODES, isArray: true, example }),
  );

export class AddressDto {
  @ApiProperty({ example: 'Algade 1' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  street: string;

  @ApiProperty({ example: '4000', pattern: '^[0-9]{4}$' })
  @Matches(/^[0-9]{4}$/, { message: 'postcode must be four digits', context: { code: 'invalid_postcode' } })
  postcode: string;

  @ApiProperty({ example: 'Roskilde' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;
}

export class ContactPreferencesDto {
  @ApiPropertyOptional({ enum: CONTACT_CHANNELS })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  preferred?: ContactChannel;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, isArray: true, description: 'Channels the citizen does not want to be contacted by' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CONTACT_CHANNELS, { each: true })
  doNotContactBy?: ContactChannel[];
}

export class CitizenInputDto {
  @ApiProperty({ example: '0101451234', description: 'CPR number, DDMMYYSSSS or DDMMYY-SSSS; never shown again unmasked' })
  @IsString()
  @MaxLength(20)
  cpr: string;

  @ApiProperty({ example: 'Inger Jensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '+4520123456' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'inger@example.dk' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject() // ValidateNested alone lets an array through, and an empty one has nothing to fail
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiPropertyOptional({ example: 'da', description: 'ISO 639-1 code of the language the citizen prefers' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code' })
  language?: string;

  @ApiPropertyOptional({ type: ContactPreferencesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactPreferencesDto)
  contactPreferences?: ContactPreferencesDto;

  @ApiPropertyOptional({
    default: false,
    description:
      'Navne- og adressebeskyttelse: the citizen’s address and phone are then shown only to coordinators and the ' +
      'brobygger who holds the case — never in lists, to other brobyggere, or in FHIR output. Once marked, a later ' +
      'referral without the marking does not lift it. FHIR: Patient.meta.security R (v3-Confidentiality), as DK Core.',
  })
  @IsOptional()
  @IsBoolean()
  addressProtected?: boolean;
}

export class ConsentInputDto {
  @ApiProperty({ description: 'The citizen consents to be referred and contacted. Must be true.' })
  @IsOptional()
  @IsBoolean()
  referral?: boolean;

  @ApiPropertyOptional({ enum: FEEDBACK_LEVELS, default: 'none' })
  @IsOptional()
  @IsIn(FEEDBACK_LEVELS)
  referrerFeedback?: FeedbackLevel;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  shareWithHost?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  statistics?: boolean;

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;
}

export class CreateReferralDto {
  @ApiProperty({ type: CitizenInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CitizenInputDto)
  citizen: CitizenInputDto;

  @ReasonsField(['loneliness', 'low_wellbeing'])
  reasons: ReasonCode[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ type: ConsentInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentInputDto)
  consent?: ConsentInputDto;
}

import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { PUBLIC_REFERRER_KINDS, PublicReferrerKind } from '@bro/case-kernel';
import { IsPhone } from '@bro/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ReasonCode } from '../reasons';
import { AddressDto, ConsentInputDto, ReasonsField } from './create-referral.dto';

export class PublicReferrerDto {
  @ApiProperty({
    enum: PUBLIC_REFERRER_KINDS,
    description: 'Who refers: a relative, an association, another professional, or the citizen themself',
  })
  @IsIn(PUBLIC_REFERRER_KINDS)
  kind: PublicReferrerKind;

  @ApiPropertyOptional({ example: 'Hanne Jensen' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '+4522334455' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'hanne@example.dk', description: 'Where "modtaget" (and what the citizen consents to) is sent' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: 'Ældre Sagen Roskilde' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation?: string;
}

export class PublicCitizenDto {
  @ApiProperty({ example: 'Inger Jensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '+4520123456' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject() // ValidateNested alone lets an array through, and an empty one has nothing to fail
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiPropertyOptional({ example: '1945-01-01', description: 'Birth date, when the CPR number is not known' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^(19|20)\d\d-\d\d-\d\d$/, { message: 'birthDate must be a date YYYY-MM-DD' })
  birthDate?: string;

  @ApiPropertyOptional({
    example: '0101451234',
    description: 'Optional. Without it the citizen is never matched to one Bro knows; with it the duplicate rules of ADR 0014 apply',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  cpr?: string;
}

/**
 * `POST /v1/public/referrals` (no login; ADR 0030). The municipality comes from
 * `municipalityId`, or from `postcode` when one municipality's areas cover it.
 */
export class PublicReferralDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The municipality, chosen from GET /v1/public/municipalities' })
  @IsOptional()
  @IsUUID()
  municipalityId?: string;

  @ApiPropertyOptional({ example: '4000', description: 'Finds the municipality when municipalityId is not given' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/, { message: 'postcode must be four digits' })
  postcode?: string;

  @ApiProperty({ type: PublicReferrerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PublicReferrerDto)
  referrer: PublicReferrerDto;

  @ApiProperty({ type: PublicCitizenDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PublicCitizenDto)
  citizen: PublicCitizenDto;

  @ReasonsField(['loneliness'])
  reasons: ReasonCode[];

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiProperty({ description: 'Whether the citizen knows about the referral' })
  @IsBoolean()
  citizenKnows: boolean;

  @ApiPropertyOptional({ description: 'Leave empty. A field people do not see: only robots fill it in' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

/**
 * `POST /v1/referrals/:id/first-contact`: what the citizen said when the brobygger first
 * reached them — the consents of a referral (`ConsentInputDto`), but for `referral`,
 * which the decision `consented` itself says.
 */
export class FirstContactConsentDto extends OmitType(ConsentInputDto, ['referral'] as const) {}

export class FirstContactDto {
  @ApiProperty({ enum: ['consented', 'declined'], description: 'consented: the consents below are recorded; declined: closed and erased' })
  @IsIn(['consented', 'declined'])
  decision: 'consented' | 'declined';

  @ApiPropertyOptional({ type: FirstContactConsentDto, description: 'Required when consented' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FirstContactConsentDto)
  consent?: FirstContactConsentDto;
}

/**
 * `POST /v1/referrals/:id/citizen` (coordinators): the known citizen a CPR-less public
 * referral is about — by id (from the case list) or by CPR number (as
 * `POST /v1/referrals/search` finds them). Exactly one of the two.
 */
export class JoinCitizenDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The known citizen (their id)' })
  @IsOptional()
  @IsUUID()
  citizenId?: string;

  @ApiPropertyOptional({ example: '0101801234', description: 'Or their CPR number (in the body, never a URL)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  cpr?: string;
}

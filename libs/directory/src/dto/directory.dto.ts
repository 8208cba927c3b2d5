import { OFFER_CATEGORIES } from '@bro/case-kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsPhone, PageQuery } from '@bro/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Ældre Sagen Roskilde' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl()
  @MaxLength(500)
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsPhone()
  phone?: string;
}

export class OfferLocationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) street?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{4}$/, { message: 'postcode must be four digits', context: { code: 'invalid_postcode' } })
  postcode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string;
}

export class OfferContactDto {
  @ApiPropertyOptional({ description: 'The host (vært) or contact person' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsPhone()
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
}

export class UpdateOfferDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ enum: OFFER_CATEGORIES })
  @IsOptional()
  @IsIn(OFFER_CATEGORIES)
  category?: (typeof OFFER_CATEGORIES)[number];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  areaId?: string | null;

  @ApiPropertyOptional({ type: OfferLocationDto })
  @IsOptional()
  @IsObject() // ValidateNested alone lets an array through, and an empty one has nothing to fail
  @ValidateNested()
  @Type(() => OfferLocationDto)
  location?: OfferLocationDto;

  @ApiPropertyOptional({ example: 'Torsdage 10–12' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  schedule?: string;

  @ApiPropertyOptional({ type: OfferContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OfferContactDto)
  contact?: OfferContactDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  acceptsSpecialNeeds?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  companionAvailable?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Free places now; 0 means "no capacity"; null means not limited or unknown' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  freePlaces?: number | null;

  @ApiPropertyOptional({ enum: ['active', 'paused'] })
  @IsOptional()
  @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';

  @ApiPropertyOptional({ description: 'true: the coordinator has just checked the entry (lastVerifiedAt = now, no longer stale)' })
  @IsOptional()
  @IsBoolean()
  verified?: boolean;
}

export class CreateOfferDto extends UpdateOfferDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  declare name: string;

  @ApiProperty({ enum: OFFER_CATEGORIES })
  @IsIn(OFFER_CATEGORIES)
  declare category: (typeof OFFER_CATEGORIES)[number];
}

export class ListOffersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ enum: OFFER_CATEGORIES })
  @IsOptional()
  @IsIn(OFFER_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ description: 'Words in the name or description' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

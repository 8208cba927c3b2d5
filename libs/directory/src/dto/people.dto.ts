import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsAreaIdList, IsLanguageList, IsOmittable, IsPhone } from '@bro/platform';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/**
 * What hosts and følgevenner share: a name, and how a hand-off reaches them — by mail when
 * they have an e-mail, else by SMS to their phone (ADR 0033).
 */
class PersonDto {
  @ApiProperty({ example: 'Birthe Hansen', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'birthe@forening.dk', description: 'Hand-offs (and a host’s offer checks) are mailed here' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: '+45 20 30 40 50', description: 'Without an e-mail, hand-offs go here by SMS' })
  @IsOptional()
  @IsPhone()
  phone?: string;
}

/** The changeable part of a host or følgeven: any field; `null` clears the e-mail or phone. */
class UpdatePersonDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsPhone()
  phone?: string | null;
}

/** `POST /v1/offers/:id/hosts`: a host (vært) who receives citizens at the offer. */
export class CreateHostDto extends PersonDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'For the brobyggere: when the host is there, what they need to know' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class UpdateHostDto extends UpdatePersonDto {
  @ApiPropertyOptional({ nullable: true, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

/** `POST /v1/companions`: a følgeven, a volunteer who goes along to the first visit. */
export class CreateCompanionDto extends PersonDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The areas the følgeven goes along in' })
  @IsAreaIdList()
  areaIds: string[];

  @ApiPropertyOptional({ example: ['da', 'en'], description: 'ISO 639-1 codes' })
  @IsOptional()
  @IsLanguageList()
  languages?: string[];

  @ApiPropertyOptional({ example: 'Hverdage efter kl. 14', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  availability?: string;

  @ApiProperty({ default: true })
  @IsBoolean()
  active: boolean;
}

export class UpdateCompanionDto extends UpdatePersonDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @IsAreaIdList()
  areaIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsLanguageList()
  languages?: string[];

  @ApiPropertyOptional({ nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  availability?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@bro/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateAreaDto {
  @ApiProperty({ example: 'Viby og Gadstrup' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: ['4130', '4621'], description: 'Four-digit postcodes; each in at most one area of the municipality' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^[0-9]{4}$/, { each: true, message: 'each postcode must be four digits', context: { code: 'invalid_postcode' } })
  postcodes: string[];
}

export class UpdateAreaDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Replaces the area’s postcodes' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^[0-9]{4}$/, { each: true, message: 'each postcode must be four digits', context: { code: 'invalid_postcode' } })
  postcodes?: string[];
}

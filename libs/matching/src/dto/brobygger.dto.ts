import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USERNAME, USERNAME_MESSAGE } from '@bro/auth';
import { IsAreaIdList, IsDateTime, IsLanguageList, IsOmittable } from '@bro/platform';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateBrobyggerDto {
  @ApiProperty({ example: 'brobygger.anna' })
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ example: 'Anna Kristensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsAreaIdList()
  areaIds: string[];

  @ApiProperty({ minimum: 0, maximum: 500, description: 'The most active cases this brobygger takes' })
  @IsInt()
  @Min(0)
  @Max(500)
  capacity: number;

  @ApiPropertyOptional({ example: ['da', 'en'], description: 'ISO 639-1 codes; default ["da"]' })
  @IsOptional()
  @IsLanguageList()
  languages?: string[];
}

export class UpdateBrobyggerDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 500, description: 'May be lowered below the current load: no new cases until below' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(500)
  capacity?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @IsAreaIdList()
  areaIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsLanguageList()
  languages?: string[];

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'First day of absence; null clears it' })
  @IsOptional()
  @IsDateTime()
  absentFrom?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'Last day of absence; null clears it' })
  @IsOptional()
  @IsDateTime()
  absentTo?: string | null;

  @ApiPropertyOptional({
    description:
      'false: no new cases, and open cases go back to the unassigned queue. The person can still sign in; ' +
      'PATCH /v1/users/:id {active: false} stops that',
  })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

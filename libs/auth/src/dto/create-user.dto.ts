import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation-kinds';

export const USERNAME = /^[a-z0-9._-]{3,64}$/;
export const USERNAME_MESSAGE = 'username must be 3–64 characters of a–z, 0–9, . _ -';

export class CreateUserDto {
  @ApiProperty({ example: 'laege.holm' })
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ example: 'Dr. Peter Holm' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: ['referrer', 'coordinator'], description: 'Brobyggere are created with POST /v1/brobyggere' })
  @IsIn(['referrer', 'coordinator'])
  role: 'referrer' | 'coordinator';

  @ApiPropertyOptional({ example: 'Lægehuset Algade', description: 'The referrer’s organisation, e.g. the GP clinic' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({
    enum: ORGANISATION_KINDS,
    default: 'gp',
    description: 'What kind of organisation the referrer works for (the council report counts referrals by it, never by clinic)',
  })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  organisationKind?: OrganisationKind;
}

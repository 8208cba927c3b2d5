import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@bro/platform';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
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

/** `PATCH /v1/users/:id`: deactivate (no more sign-in, from the next request) or rename a user. */
export class UpdateUserDto {
  @ApiPropertyOptional({
    description:
      'false: the person can no longer sign in or use a token already issued (from the next request); ' +
      'a brobygger also gets no new cases and their open cases go back to the unassigned queue. true: may sign in again.',
  })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'Dr. Peter Holm' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ example: 'Lægehuset Algade', description: 'A referrer’s organisation' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECORD_KEEPING, type RecordKeeping } from '@bro/auth';
import { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '@bro/case-kernel';

/** `GET /v1/me`: the signed-in user. */
export class Me {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty({ type: String, enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'uuid' }) municipalityId: string;
  @ApiProperty({ type: String, nullable: true, description: 'A referrer’s clinic or organisation' }) organisation: string | null;
  @ApiProperty({ type: String, enum: ORGANISATION_KINDS, nullable: true }) organisationKind: OrganisationKind | null;
}

/** `GET /v1/auth/config`: dev mode, or the OIDC issuer and client id for the Authorization Code flow with PKCE. */
export class AuthConfig {
  @ApiProperty({ type: String, enum: ['dev', 'oidc'] }) mode: 'dev' | 'oidc';
  @ApiPropertyOptional({ type: String, description: 'oidc only' }) issuer?: string;
  @ApiPropertyOptional({ type: String, description: 'oidc only: the audience of the tokens' }) clientId?: string;
  @ApiPropertyOptional({ type: String, description: 'oidc only' }) scope?: string;
}

/** `POST /v1/auth/dev-token` */
export class DevToken {
  @ApiProperty({ type: String }) accessToken: string;
}

/** A user as the coordinators’ administration lists them. */
export class AdminUser extends Me {
  @ApiProperty({ type: Boolean, description: 'false: no sign-in from the next request' }) active: boolean;
}

/** `GET|PATCH /v1/municipality`: the coordinator’s settings of their municipality. */
export class MunicipalitySettings {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, description: 'The official municipality code, e.g. 265' }) code: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, example: 'Europe/Copenhagen' }) timeZone: string;
  @ApiProperty({ type: Number }) firstContactWorkingDays: number;
  @ApiProperty({ type: Number }) followUpCallDays: number;
  @ApiProperty({ type: Number }) reviewDays: number;
  @ApiProperty({ type: Number }) escalateAfterWorkingDays: number;
  @ApiProperty({ type: Number }) measurement3mWorkingDays: number;
  @ApiProperty({ type: Number }) measurement9mWorkingDays: number;
  @ApiProperty({ type: Number }) retentionYears: number;
  @ApiProperty({ type: String, enum: RECORD_KEEPING }) recordKeeping: RecordKeeping;
}

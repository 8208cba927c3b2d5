import { ApiProperty } from '@nestjs/swagger';
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

/** `GET /v1/auth/config` in dev mode: sign in with `POST /v1/auth/dev-token`. */
export class DevAuthConfig {
  @ApiProperty({ type: String, enum: ['dev'] }) mode: 'dev';
}

/** `GET /v1/auth/config` in oidc mode: the issuer and client id for the Authorization Code flow with PKCE. */
export class OidcAuthConfig {
  @ApiProperty({ type: String, enum: ['oidc'] }) mode: 'oidc';
  @ApiProperty({ type: String }) issuer: string;
  @ApiProperty({ type: String, description: 'The audience of the tokens' }) clientId: string;
  @ApiProperty({ type: String }) scope: string;
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
/** The municipality's MedCom identity (ADR 0028); null until a coordinator sets it. */
export class MedcomIdentity {
  @ApiProperty({ type: String, nullable: true, description: 'SOR code' }) sor: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'GLN/EAN location number' }) gln: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

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
  @ApiProperty({ type: Number, description: 'Months between checks that an offer with a host still runs (ADR 0026)' })
  offerCheckMonths: number;
  @ApiProperty({ type: String, enum: RECORD_KEEPING }) recordKeeping: RecordKeeping;
  @ApiProperty({ type: MedcomIdentity }) medcom: MedcomIdentity;
}

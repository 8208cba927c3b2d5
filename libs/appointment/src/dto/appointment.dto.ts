import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime } from '@bro/platform';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export const APPOINTMENT_KINDS = ['first', 'follow_up', 'phone'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const PLACE_KINDS = ['venue', 'home', 'phone'] as const;

export class CreatePlaceDto {
  @ApiProperty({ example: 'Havehuset', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Køgevej 1, 4000 Roskilde', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ description: 'Step-free access', default: false })
  @IsOptional()
  @IsBoolean()
  accessible?: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ enum: PLACE_KINDS, default: 'venue', description: '`home`: at the citizen’s home; `phone`: a call' })
  @IsOptional()
  @IsIn(PLACE_KINDS)
  kind?: (typeof PLACE_KINDS)[number];
}

export class UpdatePlaceDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  accessible?: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ description: 'false: no longer offered for new bookings' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class BookAppointmentDto {
  @ApiProperty({ example: '2026-12-02T10:00:00+01:00' })
  @IsDateTime()
  startsAt: string;

  @ApiProperty({ minimum: 5, maximum: 480, example: 90 })
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of the municipality’s meeting places; or `place`' })
  @IsOptional()
  @IsUUID()
  placeId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Another place, as free text; or `placeId`' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place?: string;

  @ApiProperty({ enum: APPOINTMENT_KINDS })
  @IsIn(APPOINTMENT_KINDS)
  kind: AppointmentKind;

  @ApiPropertyOptional({ maxLength: 1000, description: 'For the brobygger; never in the calendar feed or the reminder' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class MoveAppointmentDto {
  @ApiPropertyOptional({ example: '2026-12-03T10:00:00+01:00' })
  @IsOptional()
  @IsDateTime()
  startsAt?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 480 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  placeId?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CancelAppointmentDto {
  @ApiProperty({ maxLength: 500, example: 'Borgeren er syg' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class ListAppointmentsQuery {
  @ApiProperty({ example: '2026-11-30T00:00:00+01:00' })
  @IsDateTime()
  from: string;

  @ApiProperty({ example: '2026-12-07T00:00:00+01:00', description: 'At most 62 days after `from`' })
  @IsDateTime()
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Coordinators: one brobygger’s (their user id)' })
  @IsOptional()
  @IsUUID()
  brobyggerUserId?: string;
}

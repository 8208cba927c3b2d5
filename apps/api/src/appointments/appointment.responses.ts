import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const PLACE_KINDS = ['venue', 'home', 'phone'] as const;

/** A meeting place of the municipality (`/v1/places`). */
export class Place {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: Boolean }) accessible: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, enum: PLACE_KINDS }) kind: (typeof PLACE_KINDS)[number];
  @ApiProperty({ type: Boolean, description: 'false once retired: kept for the appointments that name it' }) active: boolean;
}

/** `GET /v1/places`: every place, without a total (the list is short). */
export class PlaceList {
  @ApiProperty({ type: () => [Place] }) items: Place[];
}

/** Where an appointment is: a known place, or free text (`other`). */
export class AppointmentPlace {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id: string | null;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, enum: [...PLACE_KINDS, 'other'] }) kind: (typeof PLACE_KINDS)[number] | 'other';
}

export class AppointmentCitizen {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** A booked conversation (ADR 0027). */
export class Appointment {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) referralId: string;
  @ApiProperty({ type: String, format: 'uuid' }) brobyggerUserId: string;
  @ApiProperty({ type: String, enum: ['first', 'follow_up', 'phone'] }) kind: 'first' | 'follow_up' | 'phone';
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: Number }) durationMinutes: number;
  @ApiProperty({ type: () => AppointmentPlace }) place: AppointmentPlace;
  @ApiProperty({ type: String, enum: ['booked', 'cancelled', 'held'] }) status: 'booked' | 'cancelled' | 'held';
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) conversationId: string | null;
  @ApiProperty({ type: String, enum: ['sms', 'letter'], nullable: true, description: 'How the citizen is reminded: null until decided' })
  reminder: 'sms' | 'letter' | null;
  @ApiPropertyOptional({ type: () => AppointmentCitizen, description: 'In `GET /v1/appointments` only: whom it is with' })
  citizen?: AppointmentCitizen;
}

/** A list of appointments, without a total (a case's, or a bounded period's). */
export class AppointmentList {
  @ApiProperty({ type: () => [Appointment] }) items: Appointment[];
}

/** `POST /v1/referrals/:id/appointments`: the new appointment's id. */
export class BookedAppointment {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
}

export class CitizenCopyStep {
  @ApiProperty({ type: String }) description: string;
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) offer: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) host: string | null;
  @ApiProperty({ type: Boolean, description: 'A følgeven goes along' }) companion: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The følgeven’s first name, when the step names one of Bro’s følgevenner' })
  companionName: string | null;
}

export class CitizenCopyAppointment {
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String }) place: string;
  @ApiProperty({ type: String }) kind: string;
}

export class CitizenCopyBrobygger {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) workPhone: string | null;
}

/** “Min samtale og min plan”: the citizen's own copy (no CPR, notes or scores). */
export class CitizenCopy {
  @ApiProperty({ type: String, enum: ['Min samtale og min plan'] }) title: 'Min samtale og min plan';
  @ApiProperty({ type: String, nullable: true }) citizenName: string | null;
  @ApiProperty({ type: String, description: 'IANA zone the times are shown in' }) timeZone: string;
  @ApiProperty({ type: String, nullable: true }) whatMatters: string | null;
  @ApiProperty({ type: String, nullable: true }) wishes: string | null;
  @ApiProperty({ type: String, nullable: true }) wantToTry: string | null;
  @ApiProperty({ type: [String] }) goals: string[];
  @ApiProperty({ type: () => [CitizenCopyStep] }) steps: CitizenCopyStep[];
  @ApiProperty({ type: () => CitizenCopyAppointment, nullable: true }) nextAppointment: CitizenCopyAppointment | null;
  @ApiProperty({ type: () => CitizenCopyBrobygger, nullable: true }) brobygger: CitizenCopyBrobygger | null;
}

/** `POST /v1/me/calendar-token`: the secret feed URL to subscribe to. */
export class CalendarFeed {
  @ApiProperty({ type: String, format: 'uri' }) url: string;
}

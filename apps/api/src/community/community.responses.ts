import { ApiProperty } from '@nestjs/swagger';

const RECIPIENTS = ['host', 'companion'] as const;
const ANSWERS = ['attended', 'did_not_attend', 'continuing', 'cannot_receive'] as const;
type Recipient = (typeof RECIPIENTS)[number];
type Answer = (typeof ANSWERS)[number];

/** A host (vært) who receives citizens at an offer. */
export class Host {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) offerId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

/** `DELETE /v1/offers/:id/hosts/:hostId` */
export class RemovedHost {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: Boolean, enum: [true] }) removed: true;
}

/** A følgeven: a volunteer who goes along to the first visit. */
export class Companion {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) areaIds: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: String, nullable: true }) availability: string | null;
  @ApiProperty({ type: Boolean }) active: boolean;
}

/** `POST /v1/referrals/:id/plan/steps/:stepId/handover`: the hand-off made. */
export class SentHandover {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uri', description: 'The link mailed to the recipient' }) link: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}

/** A hand-off of a plan step as the case's staff see it. */
export class Handover {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) stepId: string;
  @ApiProperty({ type: String, enum: RECIPIENTS }) to: Recipient;
  @ApiProperty({ type: String, nullable: true }) recipientName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) firstVisitAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, enum: ['sent', 'opened', 'answered', 'revoked', 'expired'] })
  state: 'sent' | 'opened' | 'answered' | 'revoked' | 'expired';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, enum: ANSWERS, nullable: true }) answer: Answer | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) answerNote: string | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) sentAt: string;
}

export class HandoverOffer {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) organisation: string | null;
}

export class HandoverFirstVisit {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
}

export class HandoverCompanion {
  @ApiProperty({ type: String }) firstName: string;
}

/** The public hand-off page: only what the disclosure policy lets a host or følgeven see. */
export class HandoverPageData {
  @ApiProperty({ type: String, enum: RECIPIENTS }) recipient: Recipient;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: () => HandoverOffer, nullable: true }) offer: HandoverOffer | null;
  @ApiProperty({ type: () => HandoverFirstVisit }) firstVisit: HandoverFirstVisit;
  @ApiProperty({ type: () => HandoverCompanion, nullable: true }) companion: HandoverCompanion | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: String, enum: ANSWERS, nullable: true }) answer: Answer | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}

export class OfferCheckOffer {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) organisation: string;
  @ApiProperty({ type: String, nullable: true }) schedule: string | null;
  @ApiProperty({ type: Number, nullable: true }) freePlaces: number | null;
  @ApiProperty({ type: String, enum: ['active', 'paused'] }) status: 'active' | 'paused';
}

/** The public offer-check page: the offer as the directory shows it now. */
export class OfferCheckData {
  @ApiProperty({ type: () => OfferCheckOffer }) offer: OfferCheckOffer;
  @ApiProperty({ type: String, format: 'date-time' }) sentAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null until answered' }) running: boolean | null;
}

/** Per association: where bridges hold and where they break (coordinators). */
export class AssociationFigures {
  @ApiProperty({ type: String, format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: String }) organisation: string;
  @ApiProperty({ type: Number }) sent: number;
  @ApiProperty({ type: Number }) answered: number;
  @ApiProperty({ type: Number }) attended: number;
  @ApiProperty({ type: Number }) continuing: number;
  @ApiProperty({ type: Number }) didNotAttend: number;
  @ApiProperty({ type: Number }) cannotReceive: number;
}

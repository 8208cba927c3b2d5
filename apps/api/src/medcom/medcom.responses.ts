import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MedcomOrganisation {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SOR code' }) sor: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'GLN/EAN location number' }) gln: string | null;
}

/** One message segment: a text with its author, how to reach them, and when (with the sender's offset). */
export class MedcomSegment {
  @ApiProperty({ type: String, description: 'Line breaks kept as \\n' }) text: string;
  @ApiProperty({ type: String, nullable: true }) author: string | null;
  @ApiProperty({ type: String, nullable: true }) authorContact: string | null;
  @ApiProperty({ type: String, example: '2024-05-01T12:00:00+02:00' }) date: string;
}

export class MedcomAttachment {
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String, nullable: true }) author: string | null;
  @ApiProperty({ type: String, nullable: true }) creation: string | null;
  @ApiPropertyOptional({ type: String }) url?: string;
  @ApiPropertyOptional({ type: String }) contentType?: string;
  @ApiPropertyOptional({ type: String, description: 'The content carried in the message, as a file' }) downloadUrl?: string;
}

/** A CareCommunication of the case's thread (ADR 0028). */
export class MedcomThreadMessage {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, enum: ['in', 'out'] }) direction: 'in' | 'out';
  @ApiProperty({ type: String, enum: ['new', 'reply', 'forward'] }) kind: 'new' | 'reply' | 'forward';
  @ApiProperty({ type: String, example: 'regarding-referral' }) category: string;
  @ApiProperty({ type: String, description: 'The category in Danish (Vedr. henvisning …)' }) categoryText: string;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiPropertyOptional({ type: String, enum: ['asap'] }) priority?: string;
  @ApiProperty({ type: MedcomOrganisation }) sender: MedcomOrganisation;
  @ApiProperty({ type: MedcomOrganisation }) recipient: MedcomOrganisation;
  @ApiProperty({ type: () => [MedcomSegment] }) segments: MedcomSegment[];
  @ApiProperty({ type: () => [MedcomAttachment] }) attachments: MedcomAttachment[];
  @ApiPropertyOptional({ type: Boolean, description: 'Outbound: the receiver’s Acknowledgement said ok' }) acknowledged?: boolean;
  @ApiPropertyOptional({ type: String, enum: ['pending', 'delivered', 'acknowledged', 'failed', 'invalid', 'withheld'] })
  deliveryStatus?: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class MedcomThread {
  @ApiProperty({ type: () => [MedcomThreadMessage] }) items: MedcomThreadMessage[];
}

export class MedcomInboxItem {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, enum: ['new', 'reply', 'forward'] }) kind: string;
  @ApiProperty({ type: String }) category: string;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiProperty({ type: MedcomOrganisation }) sender: MedcomOrganisation;
  @ApiProperty({ type: String, nullable: true, description: 'Who the message is about, as the sender named them' }) patientName:
    string | null;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: Number }) segments: number;
  @ApiProperty({ type: Number }) attachments: number;
}

export class MedcomInbox {
  @ApiProperty({ type: () => [MedcomInboxItem] }) items: MedcomInboxItem[];
  @ApiProperty({ type: Number }) total: number;
}

export class MedcomAttached {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) referralId: string;
}

export class MedcomClinic {
  @ApiProperty({ type: String }) organisation: string;
  @ApiProperty({ type: String }) sor: string;
  @ApiProperty({ type: String }) gln: string;
}

export class MedcomClinicList {
  @ApiProperty({ type: () => [MedcomClinic] }) items: MedcomClinic[];
  @ApiProperty({ type: Number }) total: number;
}

/** A reply to the GP, queued in the MedCom ledger (resent until the clinic's Acknowledgement arrives). */
export class MedcomReplyQueued {
  @ApiProperty({ type: String, format: 'uuid', description: 'The outbound message in the thread' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) referralId: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'The incoming message answered' }) inReplyTo: string;
  @ApiProperty({ type: String, enum: ['reply'] }) kind: 'reply';
  @ApiProperty({ type: String, enum: ['pending'] }) deliveryStatus: 'pending';
}

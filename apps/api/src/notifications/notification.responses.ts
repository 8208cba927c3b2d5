import { ApiProperty } from '@nestjs/swagger';

export class MessageRecipient {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) displayName: string;
}

/** An e-mail the mail server refused or could not take (ADR 0017). */
export class UndeliveredMessage {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ type: String }) subject: string;
  @ApiProperty({ type: () => MessageRecipient }) recipient: MessageRecipient;
  @ApiProperty({ type: String, enum: ['pending', 'failed'] }) deliveryStatus: 'pending' | 'failed';
  @ApiProperty({ type: Number }) deliveryAttempts: number;
  @ApiProperty({ type: String, nullable: true }) lastErrorCode: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

/** A message in the caller’s own inbox (referrer milestones, follow-up reminders). */
export class InboxMessage {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ type: String }) subject: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the message says, by kind' })
  body: Record<string, unknown>;
  @ApiProperty({ type: String }) channel: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String }) deliveryStatus: string;
}

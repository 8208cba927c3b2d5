import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An organisation of the directory (forening, volunteer centre, the municipality itself). */
export class Organisation {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

/** Where an offer takes place. */
export class OfferLocation {
  @ApiPropertyOptional({ type: String }) name?: string;
  @ApiPropertyOptional({ type: String }) street?: string;
  @ApiPropertyOptional({ type: String }) postcode?: string;
  @ApiPropertyOptional({ type: String }) city?: string;
}

/** Whom to contact about an offer. */
export class OfferContact {
  @ApiPropertyOptional({ type: String }) name?: string;
  @ApiPropertyOptional({ type: String }) phone?: string;
  @ApiPropertyOptional({ type: String }) email?: string;
}

/** An offer (tilbud) of the directory. */
export class Offer {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String }) category: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ type: () => OfferLocation, nullable: true }) location: OfferLocation | null;
  @ApiProperty({ type: String, nullable: true }) schedule: string | null;
  @ApiProperty({ type: () => OfferContact, nullable: true }) contact: OfferContact | null;
  @ApiProperty({ type: Boolean }) acceptsSpecialNeeds: boolean;
  @ApiProperty({ type: Boolean }) companionAvailable: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'null: not counted' }) freePlaces: number | null;
  @ApiProperty({ type: Boolean, description: 'freePlaces is 0' }) noCapacity: boolean;
  @ApiProperty({ type: String, enum: ['active', 'paused'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastVerifiedAt: string | null;
  @ApiProperty({ type: Boolean, description: 'Not verified for longer than the municipality allows' }) stale: boolean;
  @ApiPropertyOptional({ type: Boolean, description: 'A check mailed to its host went unanswered for 14 days (ADR 0026)' })
  checkOverdue?: boolean;
}

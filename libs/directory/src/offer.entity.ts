import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface OfferLocation {
  name?: string;
  street?: string;
  postcode?: string;
  city?: string;
}

export interface OfferContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** A tilbud: an activity or community a citizen can join (Open Referral: service at a location). */
@Entity('offer')
export class Offer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('text') name: string;
  @Column('text') description: string;
  @Column('text') category: string;
  @Column('uuid', { name: 'area_id', nullable: true }) areaId: string | null;
  @Column('jsonb', { nullable: true }) location: OfferLocation | null;
  @Column('text', { nullable: true }) schedule: string | null;
  @Column('jsonb', { nullable: true }) contact: OfferContact | null;
  @Column('boolean', { name: 'accepts_special_needs' }) acceptsSpecialNeeds: boolean;
  @Column('boolean', { name: 'companion_available' }) companionAvailable: boolean;
  /** Free places now; 0 is "no capacity", null is "not limited / unknown". */
  @Column('integer', { name: 'free_places', nullable: true }) freePlaces: number | null;
  @Column('text') status: 'active' | 'paused';
  @Column('timestamptz', { name: 'last_verified_at' }) lastVerifiedAt: Date;
  /** Not verified for a year (set by the maintenance sweep, cleared by verifying). */
  @Column('boolean') stale: boolean;
  /** A check mailed to its host went unanswered for 14 days (issue 16); cleared by the answer or by verifying. */
  @Column('boolean', { name: 'check_overdue' }) checkOverdue: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

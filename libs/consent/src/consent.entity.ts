import type { ConsentMethod, ConsentScope } from '@bro/case-kernel';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One consent decision. Never updated: the newest row per scope is the one in force. */
@Entity('consent')
export class Consent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'citizen_id' }) citizenId: string;
  @Column('uuid', { name: 'referral_id', nullable: true }) referralId: string | null;
  /** Set when a later referral that joined an open case captured it: that link's own consent. */
  @Column('uuid', { name: 'referral_link_id', nullable: true }) referralLinkId: string | null;
  @Column('text') scope: ConsentScope;
  @Column('text') value: string;
  @Column('text') method: ConsentMethod;
  @Column('uuid', { name: 'captured_by' }) capturedBy: string;
  @Column('timestamptz', { name: 'captured_at' }) capturedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'letter'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface ContactPreferences {
  preferred?: ContactChannel;
  doNotContactBy?: ContactChannel[];
}

/** The borger. Personal columns are nullable so that erasure can anonymise the row. */
@Entity('citizen')
export class Citizen {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('text', { name: 'cpr_hmac' }) cprHmac: string;
  @Column('text', { name: 'cpr_ciphertext', nullable: true }) cprCiphertext: string | null;
  @Column('text', { name: 'cpr_key_id', nullable: true }) cprKeyId: string | null;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) street: string | null;
  @Column('text', { nullable: true }) postcode: string | null;
  @Column('text', { nullable: true }) city: string | null;
  @Column('text', { nullable: true }) language: string | null;
  @Column('jsonb', { name: 'contact_preferences' }) contactPreferences: ContactPreferences;
  /** Navne- og adressebeskyttelse: address and phone only for those who hold the case (ADR 0015). */
  @Column('boolean', { name: 'address_protected' }) addressProtected: boolean;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

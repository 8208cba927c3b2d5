import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The municipality's record-keeping rule for a withdrawn case: `none` erases at once;
 * `after_contact` keeps (restricted) a case the municipality has acted on (contact
 * made); `always` keeps every case.
 */
export const RECORD_KEEPING = ['none', 'after_contact', 'always'] as const;
export type RecordKeeping = (typeof RECORD_KEEPING)[number];

/** The tenant. Every row of citizen data belongs to exactly one municipality. */
@Entity('municipality')
export class Municipality {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The official municipality code, e.g. '265' for Roskilde. */
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { name: 'time_zone' }) timeZone: string;
  @Column('integer', { name: 'first_contact_working_days' }) firstContactWorkingDays: number;
  /** Years a closed case's personal data is kept before the nightly erasure. */
  @Column('integer', { name: 'retention_years' }) retentionYears: number;
  /** Whether a case whose consent is withdrawn must be kept (restricted) rather than erased. */
  @Column('text', { name: 'record_keeping' }) recordKeeping: RecordKeeping;
  /** Months between the checks mailed to an offer's host (issue 16). */
  @Column('integer', { name: 'offer_check_months' }) offerCheckMonths: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One access to or change of a citizen's data. Ids only: it outlives erasure. */
@Entity('audit_log')
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('text', { nullable: true }) role: string | null;
  @Column('text') action: string;
  @Column('uuid', { name: 'citizen_id', nullable: true }) citizenId: string | null;
  @Column('uuid', { name: 'referral_id', nullable: true }) referralId: string | null;
  @Column('text', { nullable: true }) purpose: string | null;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
  /** A list page's cases, pairwise (ADR 0037); null on a row about one case or none. */
  @Column('uuid', { name: 'citizen_ids', array: true, nullable: true }) citizenIds: string[] | null;
  @Column('uuid', { name: 'referral_ids', array: true, nullable: true }) referralIds: string[] | null;
}

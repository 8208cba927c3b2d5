import type { Role } from '@bro/case-kernel';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind } from './organisation-kinds';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('text') username: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text') role: Role;
  @Column('text', { nullable: true }) organisation: string | null;
  /** What kind of organisation a referrer works for (`gp` unless said otherwise); null for staff. */
  @Column('text', { name: 'organisation_kind', nullable: true }) organisationKind: OrganisationKind | null;
  @Column('boolean') active: boolean;
  /** The number a citizen may call (printed on their copy of the plan); staff only. */
  @Column('text', { name: 'work_phone', nullable: true }) workPhone: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

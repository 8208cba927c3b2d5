import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant. Every row of citizen data belongs to exactly one municipality. */
@Entity('municipality')
export class Municipality {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The official municipality code, e.g. '265' for Roskilde. */
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { name: 'time_zone' }) timeZone: string;
  @Column('integer', { name: 'first_contact_working_days' }) firstContactWorkingDays: number;
  @Column('integer', { name: 'retention_years' }) retentionYears: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

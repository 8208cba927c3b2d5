import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A brobygger (link worker): a user with areas, a capacity and a current load. */
@Entity('brobygger')
export class Brobygger {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  /** The most active cases this brobygger takes. */
  @Column('integer') capacity: number;
  /** Open cases held now; changed only by atomic statements in the assignment transaction. */
  @Column('integer', { name: 'active_cases' }) activeCases: number;
  /** Cases held above capacity since it was lowered below the load; only shrinks. */
  @Column('integer', { name: 'capacity_overrun' }) capacityOverrun: number;
  @Column('text', { array: true }) languages: string[];
  @Column('date', { name: 'absent_from', nullable: true }) absentFrom: string | null;
  @Column('date', { name: 'absent_to', nullable: true }) absentTo: string | null;
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'last_assigned_at', nullable: true }) lastAssignedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('brobygger_area')
export class BrobyggerArea {
  @PrimaryColumn('uuid', { name: 'brobygger_id' }) brobyggerId: string;
  @PrimaryColumn('uuid', { name: 'area_id' }) areaId: string;
}

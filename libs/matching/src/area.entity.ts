import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A lokalområde: brobyggere are attached to areas, citizens belong to one by postcode. */
@Entity('area')
export class Area {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'municipality_id' }) municipalityId: string;
  @Column('text') name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Postcode → area, kept by coordinators. A postcode is in at most one area per municipality. */
@Entity('area_postcode')
export class AreaPostcode {
  @PrimaryColumn('uuid', { name: 'municipality_id' }) municipalityId: string;
  @PrimaryColumn('text') postcode: string;
  @Column('uuid', { name: 'area_id' }) areaId: string;
}

import { ApiProperty } from '@nestjs/swagger';

/** A local area (lokalområde) and the postcodes that route citizens to it. */
export class Area {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: [String] }) postcodes: string[];
}

/** A brobygger with their load next to their capacity. */
export class Brobygger {
  @ApiProperty({ type: String, format: 'uuid', description: 'The brobygger id (not the user id)' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) userId: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty({ type: [String], format: 'uuid' }) areaIds: string[];
  @ApiProperty({ type: Number }) capacity: number;
  @ApiProperty({ type: Number }) activeCases: number;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) absentFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) absentTo: string | null;
  @ApiProperty({ type: Boolean }) active: boolean;
}

import { ApiProperty } from '@nestjs/swagger';

/** Who read or changed a citizen’s data, when and why (the citizen’s right to know). */
export class AccessLogEntry {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the system (a job)' }) userId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The user’s display name; null for the system or someone outside Bro (see role)',
  })
  userName: string | null;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ type: String }) action: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The access reason or the purpose of the change' }) purpose: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AssignDto {
  @ApiProperty({ format: 'uuid', description: 'The brobygger’s id (not their user id)' })
  @IsUUID()
  brobyggerId: string;
}

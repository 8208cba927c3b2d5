import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SetAreaDto {
  @ApiProperty({ format: 'uuid', description: 'The area the case belongs to, overriding the one derived from the postcode' })
  @IsUUID()
  areaId: string;
}

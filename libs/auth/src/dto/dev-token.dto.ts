import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class DevTokenDto {
  @ApiProperty({ example: 'koordinator.mette' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be 3–64 characters of a–z, 0–9, . _ -' })
  username: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { USERNAME, USERNAME_MESSAGE } from './create-user.dto';

export class DevTokenDto {
  @ApiProperty({ example: 'koordinator.mette' })
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username: string;
}

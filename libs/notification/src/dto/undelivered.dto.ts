import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@bro/platform';
import { IsIn, IsOptional } from 'class-validator';

export class ListUndeliveredQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['failed', 'pending'],
    default: 'failed',
    description: '`failed`: given up; `pending`: still being retried',
  })
  @IsOptional()
  @IsIn(['failed', 'pending'])
  status: 'failed' | 'pending' = 'failed';
}

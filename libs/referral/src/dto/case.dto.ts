import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const OUTCOMES = ['goal_reached', 'declined', 'unreachable', 'moved', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export class HoldDto {
  @ApiProperty({ example: 'Indlagt på hospitalet', description: 'Why the case pauses; seen by casework staff only' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class CloseDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A short summary for the referrer, if the citizen approves it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiPropertyOptional({ default: false, description: 'The citizen has read and approved the summary' })
  @IsOptional()
  @IsBoolean()
  summaryApprovedByCitizen?: boolean;
}

export class ReopenDto {
  @ApiProperty({ example: 'Borgeren ringede og vil gerne videre', description: 'Why the case is reopened; seen by casework staff only' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

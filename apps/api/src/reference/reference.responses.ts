import { ApiProperty } from '@nestjs/swagger';

/** A code of a fixed list (referral reasons, wheel domains) with its Danish and English labels. */
export class CodeLabel {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) da: string;
  @ApiProperty({ type: String }) en: string;
}

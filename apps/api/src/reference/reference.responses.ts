import { ApiProperty } from '@nestjs/swagger';

/** A code of a fixed list (referral reasons, wheel domains) with its Danish and English labels. */
export class CodeLabel {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) da: string;
  @ApiProperty({ type: String }) en: string;
}

/** `GET /v1/reference/postcodes`: the postcodes in any of the municipality's areas. */
export class Postcodes {
  @ApiProperty({ type: [String], example: ['4000', '4130'] }) items: string[];
  @ApiProperty({ type: Number }) total: number;
}

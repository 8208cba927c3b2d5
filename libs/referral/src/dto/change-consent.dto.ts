import { CONSENT_METHODS, CONSENT_SCOPES, ConsentMethod, ConsentScope } from '@bro/case-kernel';
import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn } from 'class-validator';

export class ChangeConsentDto {
  @ApiProperty({ enum: CONSENT_SCOPES })
  @IsIn(CONSENT_SCOPES)
  scope: ConsentScope;

  @ApiProperty({
    description: 'true/false; for referrer_feedback one of none, status, summary',
    oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['none', 'status', 'summary'] }],
  })
  @IsDefined()
  value: boolean | 'none' | 'status' | 'summary';

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;
}

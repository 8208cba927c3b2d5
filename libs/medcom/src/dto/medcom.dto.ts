import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength, MinLength, Validate } from 'class-validator';
import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isGln } from '@bro/auth';

@ValidatorConstraint({ name: 'gln' })
class GlnCheck implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && isGln(value);
  }
  defaultMessage() {
    return 'gln must be a GLN location number: 13 digits with a valid check digit';
  }
}

/** `PUT /v1/medcom/clinics`: a referring clinic's SOR code and GLN, by the organisation name its referrers carry. */
export class PutClinicDto {
  @ApiProperty({ example: 'Lægehuset Algade' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation: string;

  @ApiProperty({ example: '265101000016002' })
  @IsString()
  @Matches(/^[0-9]{6,18}$/, { message: 'sor must be a SOR code: 6 to 18 digits' })
  sor: string;

  @ApiProperty({ example: '5790001234010' })
  @IsString()
  @Validate(GlnCheck)
  gln: string;
}

/** `POST /v1/medcom/inbox/:id/attach`: the case the message belongs to. */
export class AttachMessageDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  referralId: string;
}

/** `POST /v1/referrals/:id/messages/:messageId/reply`: the free text of a CareCommunication reply to the GP. */
export class ReplyMessageDto {
  @ApiProperty({ maxLength: 5000, description: 'Free text; line breaks (\\n) are kept, no other control characters' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  // Tab and CR pass the global control-character check; a MedCom text segment takes line feeds only.
  @Matches(/^[^\t\r]*$/, {
    message: 'text must not contain tab or carriage return (only \\n line breaks)',
    context: { code: 'invalid_characters' },
  })
  text: string;
}

import { ApiProperty } from '@nestjs/swagger';

/** `POST /v1/public/referrals`: a short reference for a phone call, never the case id (ADR 0030). */
export class PublicReference {
  @ApiProperty({ type: String, example: 'HX7K-M2QP' }) reference: string;
}

/** A municipality the public form may send to. */
export class PublicMunicipality {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
}

/** `POST /v1/referrals/:id/first-contact` and `…/spam`: the case's status after the decision. */
export class FirstContactResult {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, enum: ['submitted', 'cancelled', 'rejected'] }) status: string;
  @ApiProperty({ type: Boolean, description: 'Declined and spam are erased at once' }) erased: boolean;
}

/** `POST /v1/referrals/:id/citizen`: the referral after a coordinator joined its CPR-less citizen to a known one (ADR 0033). */
export class JoinCitizenResult {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    enum: ['awaiting_consent', 'possible_duplicate'],
    description: 'possible_duplicate: the citizen has an open case, which decides it (POST /v1/referrals/:id/duplicate)',
  })
  status: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'The known citizen the referral is about now' }) citizenId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The citizen’s open case it may duplicate' })
  duplicateOf: string | null;
}

/** On the case while a public referral awaits consent: who referred, in kind only. */
export class PublicReferralFacts {
  @ApiProperty({ type: String }) reference: string;
  @ApiProperty({ type: String, enum: ['relative', 'association', 'professional', 'self'] }) referrerKind: string;
  @ApiProperty({ type: Boolean }) citizenKnows: boolean;
}

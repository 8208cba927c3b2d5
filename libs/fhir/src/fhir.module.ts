import { Module } from '@nestjs/common';
import { ReferralModule } from '@bro/referral';
import { FhirService } from './fhir.service';
import { FhirValidator } from './fhir-validator';

@Module({
  imports: [ReferralModule],
  providers: [FhirValidator, FhirService],
  exports: [FhirValidator, FhirService],
})
export class FhirModule {}

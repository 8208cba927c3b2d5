import { Module } from '@nestjs/common';
import { ReferralModule } from '@bro/referral';
import { FhirService } from './fhir.service';
import { FhirValidator } from './fhir-validator';
import { FhirRepository } from './fhir.repository';

@Module({
  imports: [ReferralModule],
  providers: [FhirRepository, FhirValidator, FhirService],
  exports: [FhirValidator, FhirService],
})
export class FhirModule {}

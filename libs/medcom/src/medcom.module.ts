import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { AuthModule } from '@bro/auth';
import { ReferralModule } from '@bro/referral';
import { MedcomRepository } from './medcom.repository';
import { MedcomService } from './medcom.service';

@Module({
  imports: [AuthModule, AuditModule, ReferralModule],
  providers: [MedcomRepository, MedcomService],
  exports: [MedcomService],
})
export class MedcomModule {}

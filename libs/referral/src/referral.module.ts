import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@bro/audit';
import { AuthModule } from '@bro/auth';
import { ConsentModule } from '@bro/consent';
import { MatchingModule } from '@bro/matching';
import { Citizen } from './citizen.entity';
import { CprVault } from './cpr-vault';
import { IntakeService } from './intake.service';
import { Referral, ReferralLink, ReferralStatusChange } from './referral.entity';
import { ReferralViewsService } from './referral-views.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Citizen, Referral, ReferralLink, ReferralStatusChange]),
    AuditModule,
    AuthModule,
    ConsentModule,
    MatchingModule,
  ],
  providers: [CprVault, IntakeService, ReferralViewsService],
  exports: [CprVault, IntakeService, ReferralViewsService],
})
export class ReferralModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { DirectoryModule } from '@bro/directory';
import { ReferralModule } from '@bro/referral';
import { CaseworkService } from './casework.service';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [ReferralModule, DirectoryModule, AuditModule],
  providers: [CaseworkService, StatisticsService],
  exports: [CaseworkService, StatisticsService],
})
export class CaseworkModule {}

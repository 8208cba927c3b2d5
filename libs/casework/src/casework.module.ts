import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { AuthModule } from '@bro/auth';
import { DirectoryModule } from '@bro/directory';
import { ReferralModule } from '@bro/referral';
import { CaseworkRepository } from './casework.repository';
import { CaseworkService } from './casework.service';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [ReferralModule, DirectoryModule, AuditModule, AuthModule],
  providers: [CaseworkService, CaseworkRepository, StatisticsRepository, StatisticsService],
  exports: [CaseworkService, StatisticsService],
})
export class CaseworkModule {}

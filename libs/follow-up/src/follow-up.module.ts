import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { CaseworkModule } from '@bro/casework';
import { ConsentModule } from '@bro/consent';
import { MatchingModule } from '@bro/matching';
import { NotificationModule } from '@bro/notification';
import { ReferralModule } from '@bro/referral';
import { FollowUpRepository } from './follow-up.repository';
import { FollowUpService } from './follow-up.service';
import { FollowUpJobs } from './follow-up.jobs';

@Module({
  imports: [ReferralModule, CaseworkModule, ConsentModule, MatchingModule, AuditModule, NotificationModule],
  providers: [FollowUpRepository, FollowUpService, FollowUpJobs],
  exports: [FollowUpService],
})
export class FollowUpModule {}

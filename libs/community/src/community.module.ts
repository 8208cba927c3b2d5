import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { CaseworkModule } from '@bro/casework';
import { ConsentModule } from '@bro/consent';
import { DirectoryModule } from '@bro/directory';
import { FollowUpModule } from '@bro/follow-up';
import { MatchingModule } from '@bro/matching';
import { NotificationModule } from '@bro/notification';
import { ReferralModule } from '@bro/referral';
import { CommunityRepository } from './community.repository';
import { HandoverService } from './handover.service';
import { OfferCheckService } from './offer-check.service';

/** The community side (issue 16, ADR 0026): hand-offs to hosts and følgevenner, and offer checks. */
@Module({
  imports: [
    AuditModule,
    CaseworkModule,
    ConsentModule,
    DirectoryModule,
    FollowUpModule,
    MatchingModule,
    NotificationModule,
    ReferralModule,
  ],
  providers: [CommunityRepository, HandoverService, OfferCheckService],
  exports: [HandoverService, OfferCheckService],
})
export class CommunityModule {}

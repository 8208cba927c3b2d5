import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@bro/audit';
import { AuthModule } from '@bro/auth';
import { ConsentModule } from '@bro/consent';
import { MatchingModule } from '@bro/matching';
import { MilestoneAudience, NotificationModule, ReferrerFeedbackService } from '@bro/notification';
import { Citizen } from './citizen.entity';
import { CprRotation } from './cpr-rotation.service';
import { CprVault } from './cpr-vault';
import { IntakeService } from './intake.service';
import { Referral, ReferralAssignment, ReferralLink, ReferralStatusChange, ReportedDetails } from './referral.entity';
import { ReferralRepository } from './referral.repository';
import { LinkingService } from './linking.service';
import { LinkingViews } from './linking-views';
import { AssignmentService } from './assignment.service';
import { ReferralMilestoneAudience } from './referral-milestone-audience';
import { CaseLifecycle } from './case-lifecycle';
import { CaseService } from './case.service';
import { ReferralViewsService } from './referral-views.service';
import { ReferralJobs } from './referral.jobs';

@Module({
  imports: [
    TypeOrmModule.forFeature([Citizen, Referral, ReferralLink, ReferralStatusChange, ReferralAssignment, ReportedDetails]),
    AuditModule,
    AuthModule,
    ConsentModule,
    MatchingModule,
    NotificationModule,
  ],
  providers: [
    CprVault,
    CprRotation,
    IntakeService,
    ReferralViewsService,
    AssignmentService,
    // The referrer channel lives in libs/notification; the case owner tells it who may hear (ADR 0022).
    { provide: MilestoneAudience, useClass: ReferralMilestoneAudience },
    ReferrerFeedbackService,
    CaseService,
    CaseLifecycle,
    ReferralRepository,
    LinkingViews,
    LinkingService,
    ReferralJobs,
  ],
  exports: [
    CprVault,
    CprRotation,
    IntakeService,
    ReferralViewsService,
    AssignmentService,
    ReferrerFeedbackService,
    CaseService,
    CaseLifecycle,
    LinkingService,
  ],
})
export class ReferralModule {}

import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppointmentModule } from '@bro/appointment';
import { AuditModule } from '@bro/audit';
import { AuthGuard, AuthModule } from '@bro/auth';
import { ConfigModule, DatabaseModule, LoggingModule, OperationsModule } from '@bro/platform';
import { CaseworkModule } from '@bro/casework';
import { DirectoryModule } from '@bro/directory';
import { CommunityModule } from '@bro/community';
import { FhirModule } from '@bro/fhir';
import { FollowUpModule } from '@bro/follow-up';
import { MedcomModule } from '@bro/medcom';
import { NotificationModule } from '@bro/notification';
import { MatchingModule } from '@bro/matching';
import { ReferralModule } from '@bro/referral';
import { ReportModule } from '@bro/report';
import { AdminController } from './admin/admin.controller';
import { AppointmentsController, CalendarController, PlacesController } from './appointments/appointments.controller';
import { AuthController } from './auth/auth.controller';
import { CitizensController } from './citizens/citizens.controller';
import { HttpErrorFilter } from './http/http-error.filter';
import { validationPipe } from './http/validation';
import { ReferenceController } from './reference/reference.controller';
import { CaseworkController } from './referrals/casework.controller';
import { LinkingController } from './referrals/linking.controller';
import { DirectoryController } from './directory/directory.controller';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { FhirController } from './fhir/fhir.controller';
import { OpenReferralController } from './openreferral/openreferral.controller';
import { ReferralsController } from './referrals/referrals.controller';
import { FirstContactController, PublicReferralsController } from './public/public-referrals.controller';
import { ReportsController } from './reports/reports.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { CommunityController, HandoverLinkController } from './community/community.controller';
import { MedcomController, MedcomGatewayController } from './medcom/medcom.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    OperationsModule,
    AuthModule,
    AuditModule,
    MatchingModule,
    ReferralModule,
    CaseworkModule,
    DirectoryModule,
    FollowUpModule,
    AppointmentModule,
    NotificationModule,
    FhirModule,
    ReportModule,
    CommunityModule,
    MedcomModule,
  ],
  controllers: [
    AuthController,
    MedcomGatewayController,
    MedcomController,
    AdminController,
    ReferralsController,
    CaseworkController,
    LinkingController,
    PublicReferralsController,
    FirstContactController,
    DirectoryController,
    FollowUpsController,
    NotificationsController,
    CitizensController,
    ReferenceController,
    FhirController,
    OpenReferralController,
    StatisticsController,
    ReportsController,
    PlacesController,
    AppointmentsController,
    CalendarController,
    CommunityController,
    HandoverLinkController,
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useFactory: validationPipe },
  ],
})
export class ApiModule {}

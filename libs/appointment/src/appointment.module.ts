import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { AuthModule } from '@bro/auth';
import { CaseworkModule } from '@bro/casework';
import { ConsentModule } from '@bro/consent';
import { DirectoryModule } from '@bro/directory';
import { MatchingModule } from '@bro/matching';
import { NotificationModule } from '@bro/notification';
import { ReferralModule } from '@bro/referral';
import { AppointmentRepository } from './appointment.repository';
import { AppointmentsService } from './appointments.service';
import { CalendarService } from './calendar.service';
import { CitizenCopyService } from './citizen-copy.service';
import { PlacesService } from './places.service';

@Module({
  imports: [AuthModule, AuditModule, ConsentModule, NotificationModule, MatchingModule, DirectoryModule, ReferralModule, CaseworkModule],
  providers: [AppointmentRepository, AppointmentsService, CalendarService, CitizenCopyService, PlacesService],
  exports: [AppointmentsService, CalendarService, CitizenCopyService, PlacesService],
})
export class AppointmentModule {}

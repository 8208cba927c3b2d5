import { Module } from '@nestjs/common';
import { AuditModule } from '@bro/audit';
import { AuthModule } from '@bro/auth';
import { NotificationModule } from '@bro/notification';
import { AppConfig } from '@bro/platform';
import { ReferralModule } from '@bro/referral';
import { MedcomSender } from './medcom-sender';
import { FileTransport, HttpTransport, MEDCOM_TRANSPORT, NoTransport } from './medcom-transport';
import { MedcomRepository } from './medcom.repository';
import { MedcomService } from './medcom.service';

@Module({
  imports: [AuthModule, AuditModule, NotificationModule, ReferralModule],
  providers: [
    MedcomRepository,
    MedcomService,
    MedcomSender,
    {
      provide: MEDCOM_TRANSPORT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.MEDCOM_TRANSPORT === 'file' && config.MEDCOM_OUTBOX_DIR
          ? new FileTransport(config.MEDCOM_OUTBOX_DIR)
          : config.MEDCOM_TRANSPORT === 'http' && config.MEDCOM_OUTBOUND_URL
            ? new HttpTransport(config.MEDCOM_OUTBOUND_URL)
            : new NoTransport(),
    },
  ],
  exports: [MedcomService, MedcomSender],
})
export class MedcomModule {}

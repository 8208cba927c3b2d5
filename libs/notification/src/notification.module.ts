import { Module } from '@nestjs/common';
import { AppConfig } from '@bro/platform';
import { MessagesService } from './messages.service';
import { NotificationRepository } from './notification.repository';
import { NotificationJobs } from './notification.jobs';
import { LocalTransport, MESSAGE_TRANSPORT, SmtpTransport } from './transport';

@Module({
  providers: [
    MessagesService,
    NotificationRepository,
    NotificationJobs,
    {
      provide: MESSAGE_TRANSPORT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.SMTP_URL ? new SmtpTransport(config.SMTP_URL, config.SMTP_FROM) : new LocalTransport()),
    },
  ],
  exports: [MessagesService],
})
export class NotificationModule {}

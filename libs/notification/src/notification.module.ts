import { Module } from '@nestjs/common';
import { AppConfig } from '@bro/platform';
import { MessagesService } from './messages.service';
import { MilestoneChannels } from './milestone-channels';
import { NotificationRepository } from './notification.repository';
import { NotificationJobs } from './notification.jobs';
import { SendTimeChecks } from './send-time-checks';
import { HttpSmsTransport, LocalSmsTransport, LocalTransport, MESSAGE_TRANSPORT, SMS_TRANSPORT, SmtpTransport } from './transport';

@Module({
  providers: [
    MessagesService,
    MilestoneChannels,
    NotificationRepository,
    NotificationJobs,
    SendTimeChecks,
    {
      provide: MESSAGE_TRANSPORT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.SMTP_URL ? new SmtpTransport(config.SMTP_URL, config.SMTP_FROM) : new LocalTransport()),
    },
    {
      provide: SMS_TRANSPORT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.SMS_GATEWAY_URL ? new HttpSmsTransport(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN) : new LocalSmsTransport(),
    },
  ],
  exports: [MessagesService, MilestoneChannels, SendTimeChecks],
})
export class NotificationModule {}

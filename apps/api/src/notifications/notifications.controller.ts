import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { ListUndeliveredQuery, MessagesService } from '@bro/notification';
import { PageQuery } from '@bro/platform';
import { PageOf } from '../http/page.response';
import { InboxMessage, UndeliveredMessage } from './notification.responses';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s own messages (referrer milestones, follow-up reminders), newest first' })
  @ApiOkResponse({ type: PageOf(InboxMessage) })
  inbox(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.messages.inbox(actor, page);
  }

  @Get('undelivered')
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'The municipality’s e-mails that could not be delivered (`failed`, the `undeliveredMessages` count) or are still being retried (`pending`), with attempts and the last error code',
  })
  @ApiOkResponse({ type: PageOf(UndeliveredMessage) })
  undelivered(@CurrentActor() actor: Actor, @Query() query: ListUndeliveredQuery) {
    return this.messages.undelivered(actor, query.status, query);
  }
}

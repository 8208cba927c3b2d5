import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@bro/auth';
import { MessagesService } from '@bro/notification';
import { PageQuery } from '@bro/platform';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s own messages (referrer milestones, follow-up reminders), newest first' })
  inbox(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.messages.inbox(actor, page);
  }
}

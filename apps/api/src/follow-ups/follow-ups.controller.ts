import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { CompleteFollowUpDto, CreateFollowUpDto, FollowUpService, ListFollowUpsQuery } from '@bro/follow-up';
import { uuidParam } from '../http/uuid-param.pipe';
import { PageOf } from '../http/page.response';
import { FollowUp, QueueSummary } from './follow-up.responses';

/** The follow-up queues: what is due today, late, escalated or coming — per brobygger or for the municipality. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Roles('brobygger', 'coordinator')
@Controller('v1')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpService) {}

  @Get('follow-ups')
  @ApiOperation({ summary: 'Follow-ups by view (due_today, overdue, escalated, upcoming), paged, by due time' })
  @ApiOkResponse({ type: PageOf(FollowUp) })
  list(@CurrentActor() actor: Actor, @Query() query: ListFollowUpsQuery) {
    return this.followUps.list(actor, query);
  }

  @Post('follow-ups')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a follow-up to a case (the assigned brobygger or a coordinator)' })
  @ApiCreatedResponse({ type: FollowUp })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFollowUpDto) {
    return this.followUps.create(actor, dto);
  }

  @Post('follow-ups/:id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Mark a follow-up done; a measurement (measurement_3m, measurement_9m) with the WHO-5/UCLA-3 answers or as declined/unreachable, also after the case has closed',
  })
  @ApiOkResponse({ type: FollowUp })
  complete(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CompleteFollowUpDto) {
    return this.followUps.complete(actor, id, dto);
  }

  @Get('queues/summary')
  @ApiOperation({ summary: 'Counts for the caller’s scope; for coordinators also caseload per brobygger and per area' })
  @ApiOkResponse({ type: QueueSummary })
  summary(@CurrentActor() actor: Actor) {
    return this.followUps.summary(actor);
  }
}

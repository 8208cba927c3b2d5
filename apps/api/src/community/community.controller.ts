import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { HandoverAnswerDto, HandoverDto, HandoverService, OfferCheckAnswerDto, OfferCheckService } from '@bro/community';
import { CreateCompanionDto, CreateHostDto, PeopleService, UpdateCompanionDto, UpdateHostDto } from '@bro/directory';
import { Public } from '@bro/platform';
import type { FastifyRequest } from 'fastify';
import { PageOf } from '../http/page.response';
import { uuidParam } from '../http/uuid-param.pipe';
import {
  AssociationFigures,
  Companion,
  Handover,
  HandoverPageData,
  Host,
  OfferCheckData,
  RemovedHost,
  SentHandover,
} from './community.responses';

/**
 * The community side (issue 16): hosts of an offer, følgevenner, the hand-off of a plan
 * step to one of them, and the coordinators' figures per association.
 */
@ApiTags('community')
@ApiBearerAuth()
@Controller('v1')
export class CommunityController {
  constructor(
    private readonly people: PeopleService,
    private readonly handovers: HandoverService,
  ) {}

  @Post('offers/:id/hosts')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add a host (vært) who receives citizens at the offer' })
  @ApiCreatedResponse({ type: Host })
  createHost(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CreateHostDto) {
    return this.people.createHost(actor, id, dto);
  }

  @Get('offers/:id/hosts')
  @Roles('brobygger', 'coordinator')
  @ApiOperation({ summary: 'The offer’s hosts' })
  @ApiOkResponse({ type: PageOf(Host) })
  listHosts(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.people.listHosts(actor, id);
  }

  @Patch('offers/:id/hosts/:hostId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Change a host' })
  @ApiOkResponse({ type: Host })
  updateHost(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam) id: string,
    @Param('hostId', uuidParam) hostId: string,
    @Body() dto: UpdateHostDto,
  ) {
    return this.people.updateHost(actor, id, hostId, dto);
  }

  @Delete('offers/:id/hosts/:hostId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Remove a host from the offer (hand-offs already sent keep naming them)' })
  @ApiOkResponse({ type: RemovedHost })
  removeHost(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Param('hostId', uuidParam) hostId: string) {
    return this.people.removeHost(actor, id, hostId);
  }

  @Post('companions')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add a følgeven (volunteer who goes along to the first visit)' })
  @ApiCreatedResponse({ type: Companion })
  createCompanion(@CurrentActor() actor: Actor, @Body() dto: CreateCompanionDto) {
    return this.people.createCompanion(actor, dto);
  }

  @Get('companions')
  @Roles('brobygger', 'coordinator')
  @ApiOperation({ summary: 'Følgevenner: all for coordinators, those of their areas for brobyggere' })
  @ApiOkResponse({ type: PageOf(Companion) })
  listCompanions(@CurrentActor() actor: Actor) {
    return this.people.listCompanions(actor);
  }

  @Patch('companions/:id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Change a følgeven; `active: false` takes them out of new hand-offs' })
  @ApiOkResponse({ type: Companion })
  updateCompanion(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateCompanionDto) {
    return this.people.updateCompanion(actor, id, dto);
  }

  @Post('referrals/:id/plan/steps/:stepId/handover')
  @HttpCode(201)
  @Roles('brobygger', 'coordinator')
  @ApiOperation({
    summary:
      'Hand a plan step to its host or følgeven: they get a link by mail (409 without the citizen’s consent share_with_host; nothing is sent)',
  })
  @ApiCreatedResponse({ type: SentHandover })
  handover(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam) id: string,
    @Param('stepId', uuidParam) stepId: string,
    @Body() dto: HandoverDto,
  ) {
    return this.handovers.send(actor, id, stepId, dto);
  }

  @Get('referrals/:id/handovers')
  @Roles('brobygger', 'coordinator')
  @ApiOperation({ summary: 'The case’s hand-offs: to whom, when, opened, answered, revoked' })
  @ApiOkResponse({ type: PageOf(Handover) })
  handoversOfCase(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.handovers.ofCase(actor, id);
  }

  @Get('community/figures')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Per association: hand-offs sent, answered, attended and continuing' })
  @ApiOkResponse({ type: PageOf(AssociationFigures) })
  figures(@CurrentActor() actor: Actor) {
    return this.handovers.figures(actor);
  }
}

/**
 * The links Bro mails to hosts and følgevenner: no login, the token is the credential
 * (rate-limited per address; 404 for a token never made, 410 for one that has ended).
 */
@ApiTags('community')
@Public()
@Controller('v1')
export class HandoverLinkController {
  constructor(
    private readonly handovers: HandoverService,
    private readonly checks: OfferCheckService,
  ) {}

  @Get('handover/:token')
  @ApiOperation({ summary: 'The hand-off page’s data: first name, offer, first visit, følgeven, message (public, by link)' })
  @ApiOkResponse({ type: HandoverPageData })
  open(@Param('token') token: string, @Req() req: FastifyRequest) {
    return this.handovers.open(token, String(req.id));
  }

  @Post('handover/:token/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'The host’s or følgeven’s answer: attended, did_not_attend, continuing or cannot_receive (public, by link)' })
  @ApiOkResponse({ type: HandoverPageData, description: 'The page as it is after the answer' })
  answer(@Param('token') token: string, @Body() dto: HandoverAnswerDto, @Req() req: FastifyRequest) {
    return this.handovers.answer(token, dto, String(req.id));
  }

  @Get('offer-check/:token')
  @ApiOperation({ summary: 'The offer a check asks about (public, by link)' })
  @ApiOkResponse({ type: OfferCheckData })
  offerCheck(@Param('token') token: string) {
    return this.checks.get(token);
  }

  @Post('offer-check/:token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the offer runs (free places, schedule) or say it does not: that pauses it (public, by link)' })
  @ApiOkResponse({ type: OfferCheckData })
  answerOfferCheck(@Param('token') token: string, @Body() dto: OfferCheckAnswerDto) {
    return this.checks.answer(token, dto);
  }
}

import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { CaseworkService, ContactAttemptDto, ConversationDto, OtherContactsDto, PlanDto } from '@bro/casework';
import { CaseService, ChangeConsentDto, CloseDto, HoldDto, ReopenDto } from '@bro/referral';
import { uuidParam } from '../http/uuid-param.pipe';
import { CaseState, Closed, ConsentChanged, ContactAttemptLogged, OtherContacts, Plan, RecordedConversation } from './referral.responses';

/** The case in progress: for the assigned brobygger and coordinators (404 for anyone else). */
@ApiTags('casework')
@ApiBearerAuth()
@Roles('brobygger', 'coordinator')
@Controller('v1/referrals/:id')
export class CaseworkController {
  constructor(
    private readonly casework: CaseworkService,
    private readonly cases: CaseService,
  ) {}

  @Post('contact-attempts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Log a contact attempt: reached → contacted; declined before a conversation cancels the case' })
  @ApiCreatedResponse({ type: ContactAttemptLogged })
  contactAttempt(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ContactAttemptDto) {
    return this.casework.contactAttempt(actor, id, dto);
  }

  @Post('conversations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a conversation with Samtalehjulet, "Min samtale", WHO-5 and UCLA-3 (scored here)' })
  @ApiCreatedResponse({ type: RecordedConversation })
  conversation(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ConversationDto) {
    return this.casework.conversation(actor, id, dto);
  }

  @Put('plan')
  @ApiOperation({ summary: 'Replace the personal plan (goals and steps); every version is kept' })
  @ApiOkResponse({ type: Plan })
  plan(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: PlanDto) {
    return this.casework.putPlan(actor, id, dto);
  }

  @Put('contacts')
  @ApiOperation({ summary: 'The citizen’s other municipal contacts, and who holds the ongoing contact' })
  @ApiOkResponse({ type: OtherContacts })
  contacts(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: OtherContactsDto) {
    return this.casework.setContacts(actor, id, dto);
  }

  @Post('consents')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change or withdraw one consent scope; withdrawing "referral" cancels the case and erases the citizen’s data' })
  @ApiOkResponse({ type: ConsentChanged })
  consents(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ChangeConsentDto) {
    return this.cases.changeConsent(actor, id, dto);
  }

  @Post('hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the case (e.g. hospital admission)' })
  @ApiOkResponse({ type: CaseState })
  hold(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: HoldDto) {
    return this.cases.hold(actor, id, dto.reason);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused case where it left off' })
  @ApiOkResponse({ type: CaseState })
  resume(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.cases.resume(actor, id);
  }

  @Post('close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with an outcome and an optional summary the citizen approved; frees the brobygger’s place' })
  @ApiOkResponse({ type: Closed })
  close(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CloseDto) {
    return this.cases.close(actor, id, dto);
  }

  @Post('reopen')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Reopen a completed case within 30 days of closing; it is routed again, preferring its brobygger',
    description: '409 for another status, an older closing, a restricted case, or when the citizen has another open case.',
  })
  @ApiOkResponse({ type: CaseState })
  reopen(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReopenDto) {
    return this.cases.reopen(actor, id, dto.reason);
  }
}

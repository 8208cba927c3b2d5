import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { BadInputError, Public } from '@bro/platform';
import { FirstContactDto, JoinCitizenDto, PublicReferralDto, PublicReferralService } from '@bro/referral';
import type { FastifyRequest } from 'fastify';
import { PageOf } from '../http/page.response';
import { uuidParam } from '../http/uuid-param.pipe';
import { FirstContactResult, JoinCitizenResult, PublicMunicipality, PublicReference } from './public.responses';

/** The open door (ADR 0030): the public form's two routes. No login; limited per address and per municipality. */
@ApiTags('public')
@Controller('v1/public')
export class PublicReferralsController {
  constructor(private readonly referrals: PublicReferralService) {}

  @Public()
  @Get('municipalities')
  @ApiOperation({ summary: 'The municipalities a public referral may go to; with `postcode`, those whose areas cover it' })
  @ApiQuery({ name: 'postcode', required: false, example: '4000' })
  @ApiOkResponse({ type: PageOf(PublicMunicipality) })
  municipalities(@Query('postcode') postcode?: string) {
    if (postcode !== undefined && !/^[0-9]{4}$/.test(postcode))
      throw new BadInputError('postcode must be four digits', { field: 'postcode' });
    return this.referrals.municipalityList(postcode);
  }

  @Public()
  @Post('referrals')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Refer a citizen, or yourself, without a login ("Henvis en borger" / "Henvis dig selv")',
    description:
      'Accepted for the municipality’s coordinators and brobyggere, who call the citizen: nobody but the citizen can consent, so ' +
      'the referral waits as `awaiting_consent`. The reply is `{ reference }` for every valid submission — a short reference for ' +
      'a phone call, never the case id, nothing about the citizen, the same whether the CPR number is known or not. 429 beyond ' +
      'the limits per address (a minute) and per municipality (an hour).',
  })
  @ApiAcceptedResponse({ type: PublicReference })
  submit(@Body() dto: PublicReferralDto, @Req() req: FastifyRequest) {
    return this.referrals.submit(dto, req.id);
  }
}

/** What staff do with a public referral awaiting consent. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals/:id')
export class FirstContactController {
  constructor(private readonly referrals: PublicReferralService) {}

  @Post('first-contact')
  @HttpCode(200)
  @Roles('brobygger', 'coordinator')
  @ApiOperation({
    summary:
      'A public referral awaiting consent: the citizen was reached. consented → the consents are recorded and the case is routed ' +
      'as any new one (status submitted); declined → cancelled and erased at once. A brobygger of the case’s area or a ' +
      'coordinator (404 for anyone else); 409 once decided.',
  })
  @ApiOkResponse({ type: FirstContactResult })
  firstContact(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: FirstContactDto) {
    return this.referrals.firstContact(actor, id, dto);
  }

  @Post('spam')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Reject a public referral awaiting consent as spam: closed as rejected and erased at once; 409 once decided' })
  @ApiOkResponse({ type: FirstContactResult })
  spam(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.referrals.rejectAsSpam(actor, id);
  }

  @Post('citizen')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'A public referral without a CPR number is about a citizen Bro knows: the coordinator joins them (never automatic)',
    description:
      'By `citizenId` or `cpr` (one of them). The referral becomes the known citizen’s, the form’s details are kept as reported ' +
      'details (never written over theirs), and the CPR-less duplicate is erased. With an open case of theirs the referral is held ' +
      'as a possible duplicate of it; otherwise it keeps awaiting consent. 404 for a referral or citizen that is not there or of ' +
      'another municipality (never told apart); 409 unless the referral awaits consent and was made without a CPR number. Audited.',
  })
  @ApiOkResponse({ type: JoinCitizenResult })
  joinCitizen(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: JoinCitizenDto) {
    return this.referrals.joinCitizen(actor, id, dto);
  }
}

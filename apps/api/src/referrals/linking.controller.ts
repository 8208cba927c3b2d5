import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { DuplicateDecisionDto, LinkingService, ReportedDetailsDecisionDto } from '@bro/referral';
import { uuidParam } from '../http/uuid-param.pipe';
import { DuplicateDecided, ReportedDetailsDecided } from './referral.responses';

/** Decisions on what a later referral of a citizen with an open case brought (ADR 0014). */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('brobygger', 'coordinator')
@Controller('v1/referrals/:id')
export class LinkingController {
  constructor(private readonly linking: LinkingService) {}

  @Post('duplicate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide a possible duplicate (status possible_duplicate; listed by GET /v1/referrals?status=possible_duplicate): ' +
      'confirm links it to the citizen’s open case — or routes it as a new case when none is open any more; ' +
      'reject closes it as rejected. A coordinator or the brobygger assigned to that case (404 for anyone else); ' +
      '409 once decided.',
  })
  @ApiOkResponse({ type: DuplicateDecided, description: 'status: linked, submitted (no case open any more) or rejected' })
  duplicate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: DuplicateDecisionDto) {
    return this.linking.decideDuplicate(actor, id, dto);
  }

  @Post('reported-details')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept (apply to the citizen, audited) or ignore details a later referral reported that differ from the citizen’s ' +
      '(the case’s `reportedDetails`, "oplyst af <klinik> <dato>"). The case’s casework staff; 409 once decided.',
  })
  @ApiOkResponse({ type: ReportedDetailsDecided })
  reportedDetails(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReportedDetailsDecisionDto) {
    return this.linking.decideReportedDetails(actor, id, dto);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@bro/audit';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { PageQuery } from '@bro/platform';
import { ReferralViewsService } from '@bro/referral';
import { uuidParam } from '../http/uuid-param.pipe';
import { PageOf } from '../http/page.response';
import { AccessLogEntry } from './citizen.responses';

@ApiTags('citizens')
@ApiBearerAuth()
@Roles('coordinator')
@Controller('v1/citizens')
export class CitizensController {
  constructor(
    private readonly audit: AuditService,
    private readonly views: ReferralViewsService,
  ) {}

  @Get(':id/access-log')
  @ApiOperation({ summary: 'Who read or changed this citizen’s data, when and why (the citizen’s right to know)' })
  @ApiOkResponse({ type: PageOf(AccessLogEntry) })
  accessLog(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() page: PageQuery) {
    return this.audit.accessLog(actor, id, page);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Everything Bro holds on this citizen, as JSON (the right of access); itself audited' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      additionalProperties: true,
      description: 'The citizen, their referrals, consents, casework, follow-ups and messages',
    },
  })
  export(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.views.exportCitizen(actor, id);
  }
}

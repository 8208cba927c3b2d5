import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@bro/audit';
import { Actor, CurrentActor, Roles, UsersService } from '@bro/auth';
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
    private readonly users: UsersService,
  ) {}

  @Get(':id/access-log')
  @ApiOperation({ summary: 'Who read or changed this citizen’s data, when and why (the citizen’s right to know)' })
  @ApiOkResponse({ type: PageOf(AccessLogEntry) })
  async accessLog(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() page: PageQuery) {
    const log = (await this.audit.accessLog(actor, id, page)) as { items: { userId: string | null }[]; total: number };
    // Each entry names its user as the citizen would be told it (a name and a role, not an id).
    const names = await this.users.profiles(actor.municipalityId, [
      ...new Set(log.items.map((e) => e.userId).filter((u): u is string => u !== null)),
    ]);
    return {
      items: log.items.map((e) => ({ ...e, userName: e.userId ? (names.get(e.userId)?.displayName ?? null) : null })),
      total: log.total,
    };
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

import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@bro/auth';
import { WHEEL_DOMAINS } from '@bro/casework';
import { AreasService } from '@bro/matching';
import { Public } from '@bro/platform';
import { REASONS } from '@bro/referral';
import { PageOf } from '../http/page.response';
import { CodeLabel, Postcodes } from './reference.responses';

@ApiTags('reference')
@ApiBearerAuth()
@Controller('v1/reference')
export class ReferenceController {
  constructor(private readonly areas: AreasService) {}

  // A code list, and the public referral form needs it too (ADR 0030).
  @Public()
  @Get('reasons')
  @ApiOperation({ summary: 'The fixed list of referral reasons, with Danish and English labels (no login needed)' })
  @ApiOkResponse({ type: PageOf(CodeLabel) })
  reasons() {
    return { items: REASONS, total: REASONS.length };
  }

  @Get('wheel-domains')
  @ApiOperation({ summary: 'The life domains of Samtalehjulet (the conversation wheel), scored 1–10' })
  @ApiOkResponse({ type: PageOf(CodeLabel) })
  wheelDomains() {
    return { items: WHEEL_DOMAINS, total: WHEEL_DOMAINS.length };
  }

  @Get('postcodes')
  @ApiOperation({
    summary:
      'The postcodes the caller’s municipality has put in an area, so a referral form can warn (softly) about an address ' +
      'outside them; such a referral is still accepted and waits for a coordinator',
  })
  @ApiOkResponse({ type: Postcodes })
  async postcodes(@CurrentActor() actor: Actor) {
    const items = [...new Set((await this.areas.list(actor)).items.flatMap((a) => a.postcodes))].sort();
    return { items, total: items.length };
  }
}

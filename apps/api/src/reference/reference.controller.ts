import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WHEEL_DOMAINS } from '@bro/casework';
import { Public } from '@bro/platform';
import { REASONS } from '@bro/referral';
import { PageOf } from '../http/page.response';
import { CodeLabel } from './reference.responses';

@ApiTags('reference')
@ApiBearerAuth()
@Controller('v1/reference')
export class ReferenceController {
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
}

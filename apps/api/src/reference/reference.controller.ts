import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { REASONS } from '@bro/referral';

@ApiTags('reference')
@ApiBearerAuth()
@Controller('v1/reference')
export class ReferenceController {
  @Get('reasons')
  @ApiOperation({ summary: 'The fixed list of referral reasons, with Danish and English labels' })
  reasons() {
    return { items: REASONS, total: REASONS.length };
  }
}

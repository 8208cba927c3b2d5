import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { StatisticsService } from '@bro/casework';
import { Statistics } from './statistics.responses';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('coordinator')
@Controller('v1/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Referrals per month by reason and per area, days to first contact, outcomes, WHO-5/UCLA-3 change — only over cases whose consent allows statistics',
  })
  @ApiOkResponse({ type: Statistics })
  overview(@CurrentActor() actor: Actor) {
    return this.statistics.overview(actor);
  }
}

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { CouncilReportQuery, CouncilReportService } from '@bro/report';
import type { FastifyReply } from 'fastify';
import { CouncilReport } from './report.responses';

/** The council report (udvalgsrapport): anonymised figures for the committee, as JSON, CSV or PDF. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('coordinator')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: CouncilReportService) {}

  @Get('council')
  @ApiOperation({
    summary:
      'The council report for a period and optionally one area: referrals by source (organisation kind), reason, area and month; ' +
      'working days to first contact and first conversation; share bridged and still continuing at 3 months; WHO-5/UCLA-3 change with ' +
      '95 % CI, also 3 and 9 months after the first conversation; outcomes; the method. Only cases with the statistics consent; ' +
      'no cell under 5 citizens (null with suppressed: true, "< 5" in CSV/PDF) and complementary suppression. 422 if from is after to, ' +
      'the period is longer than five years or the area is not the municipality’s.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({
    type: CouncilReport,
    description:
      'json: { title, municipality, period, area, generatedAt, threshold, citizens, referrals: { bySource, byReason, byArea, byMonth }, ' +
      'time, bridging, wellbeing, afterClosing: { months3, months9 }, outcomes, method: { da, en } } — every count { value, suppressed, reason? }; ' +
      'csv: UTF-8 with BOM, `;`-separated, columns Afsnit;Kategori;Mål;Værdi; pdf: the report in Danish with charts and the method',
  })
  async council(@CurrentActor() actor: Actor, @Query() query: CouncilReportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.format === 'json') return this.reports.report(actor, query);
    const file = await this.reports.file(actor, query);
    void reply.header('content-type', file.contentType);
    void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    void reply.header('cache-control', 'no-store');
    return file.body;
  }
}

import { Module } from '@nestjs/common';
import { CouncilReportService } from './council-report.service';
import { ReportRepository } from './report.repository';

/** The council report (ADR 0018): reporting reads in one repository, the rules in one pure function. */
@Module({
  providers: [ReportRepository, CouncilReportService],
  exports: [CouncilReportService],
})
export class ReportModule {}

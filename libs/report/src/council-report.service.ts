import { Injectable } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import { Clock, ForbiddenError, NotFoundError, RuleViolationError, WorkingDayCalendar } from '@bro/platform';
import { buildCouncilReport } from './council-report';
import type { CouncilReport, CouncilReportQuery } from './dto/council-report.dto';
import { renderCsv } from './render-csv';
import { renderPdf } from './render-pdf';
import { ReportRepository } from './report.repository';

/** The longest period one report covers: a committee looks at a year or a term, not a decade. */
const MAX_DAYS = 5 * 366;

/**
 * `GET /v1/reports/council` — the council report for coordinators: the facts from the
 * repository, the rules in `buildCouncilReport`, and the same report as JSON, CSV or
 * PDF. It describes numbers, never people, so reading it is not a read of anyone's
 * data (no audit row), and it is only for the municipality's coordinators.
 */
@Injectable()
export class CouncilReportService {
  constructor(
    private readonly repository: ReportRepository,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, query: Omit<CouncilReportQuery, 'format'>): Promise<CouncilReport> {
    if (actor.role !== 'coordinator') throw new ForbiddenError('The council report is for coordinators');
    const municipality = await this.repository.municipality(actor.municipalityId);
    if (!municipality) throw new NotFoundError('Municipality not found');
    const now = this.clock.now();
    const today = WorkingDayCalendar.for(municipality.timeZone).localDate(now);
    const period = { from: query.from ?? `${today.slice(0, 4)}-01-01`, to: query.to ?? today };
    if (period.from < '2000-01-01' || period.to > '2099-12-31')
      throw new RuleViolationError('The period must lie between 2000 and 2099', { field: period.from < '2000-01-01' ? 'from' : 'to' });
    if (period.from > period.to) throw new RuleViolationError('from must not be after to', { field: 'from', code: 'invalid_date_order' });
    if ((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 > MAX_DAYS)
      throw new RuleViolationError('The period may be at most five years', { field: 'to' });
    const areas = await this.repository.areas(actor.municipalityId);
    const area = query.areaId ? (areas.find((a) => a.id === query.areaId) ?? null) : null;
    if (query.areaId && !area)
      throw new RuleViolationError('areaId: no area with that id in this municipality', { field: 'areaId', code: 'unknown_reference' });

    const cohort = await this.repository.cohort({ municipalityId: actor.municipalityId, ...period, areaId: area?.id ?? null });
    const ids = cohort.map((c) => c.id);
    const m = actor.municipalityId;
    return buildCouncilReport({
      municipality,
      period,
      area,
      areas,
      now,
      cohort,
      firstContacts: await this.repository.firstContacts(m, ids),
      conversations: await this.repository.conversations(m, ids),
      planVersions: await this.repository.planVersions(m, ids),
      measurements: await this.repository.measurements(m, ids),
    });
  }

  /** The report as a file: CSV (UTF-8 with BOM, `;`, Danish headers) or PDF, with a file name. */
  async file(actor: Actor, query: CouncilReportQuery): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const report = await this.report(actor, query);
    const name = `udvalgsrapport-${report.period.from}-${report.period.to}`;
    if (query.format === 'csv') return { body: renderCsv(report), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
    return { body: await renderPdf(report), contentType: 'application/pdf', fileName: `${name}.pdf` };
  }
}

import { writeFileSync } from 'node:fs';
import { addMonths, buildCouncilReport, ReportFacts } from './council-report';
import { renderCsv } from './render-csv';
import { pdfSafe } from '@bro/platform';
import { renderPdf } from './render-pdf';
import type { CohortCase, ConversationFact, MeasurementFact, PlanVersionFact } from './report.repository';

const at = (iso: string) => new Date(iso);
const AREA = { id: '00000000-0000-4000-8000-000000000001', name: 'Viby' };
const OTHER_AREA = { id: '00000000-0000-4000-8000-000000000002', name: 'Jyllinge' };

/** A case referred on Monday 2 March 2026, 09:00 Copenhagen time. */
function caseOf(i: number, over: Partial<CohortCase> = {}): CohortCase {
  return {
    id: `case-${i}`,
    createdAt: at('2026-03-02T08:00:00Z'),
    areaId: AREA.id,
    reasons: ['loneliness'],
    status: 'active',
    outcome: null,
    month: '2026-03',
    source: 'gp',
    ...over,
  };
}

function facts(over: Partial<ReportFacts> = {}): ReportFacts {
  return {
    municipality: { name: 'Roskilde Kommune', timeZone: 'Europe/Copenhagen', measurement3mWorkingDays: 63, measurement9mWorkingDays: 189 },
    period: { from: '2026-01-01', to: '2026-12-31' },
    area: null,
    areas: [AREA, OTHER_AREA],
    now: at('2026-12-31T12:00:00Z'),
    cohort: [],
    firstContacts: new Map(),
    conversations: [],
    planVersions: [],
    measurements: [],
    ...over,
  };
}

const talk = (referralId: string, kind: string, heldAt: string, who5: number | null, ucla3: number | null = null): ConversationFact => ({
  referralId,
  kind,
  heldAt: at(heldAt),
  who5Score: who5,
  ucla3Score: ucla3,
});
const plan = (referralId: string, changedAt: string, ...statuses: string[]): PlanVersionFact => ({
  referralId,
  changedAt: at(changedAt),
  offerStepStatuses: statuses,
});
const measurement = (referralId: string, kind: string, over: Partial<MeasurementFact> = {}): MeasurementFact => ({
  referralId,
  kind,
  status: 'open',
  dueAt: at('2026-06-01T08:00:00Z'),
  result: null,
  who5Score: null,
  ucla3Score: null,
  ...over,
});

describe('buildCouncilReport', () => {
  it('counts working days to first contact and conversation, skipping weekends and Danish holidays', () => {
    // Five referred Wednesday 1 April 2026 and reached Thursday 9 April: Easter (2, 3 and 6 April) and a weekend
    // lie between, so 3 working days (7, 8, 9 April), not 6. One referred Monday 2 March, reached Monday 9 March: 5.
    const easter = Array.from({ length: 5 }, (_, i) => caseOf(i, { createdAt: at('2026-04-01T08:00:00Z'), month: '2026-04' }));
    const march = caseOf(9);
    const contacts = new Map([...easter.map((c) => [c.id, at('2026-04-09T10:00:00Z')] as const), [march.id, at('2026-03-09T10:00:00Z')]]);
    const r = buildCouncilReport(facts({ cohort: [...easter, march], firstContacts: contacts }));
    expect(r.time.toFirstContact).toEqual({ n: { value: 6, suppressed: false }, medianWorkingDays: 3, p90WorkingDays: 4 });
    // No first conversation for anyone: the count is 0 and nothing is derived from it.
    expect(r.time.toFirstConversation).toEqual({ n: { value: 0, suppressed: false }, medianWorkingDays: null, p90WorkingDays: null });
  });

  it('gives no median or mean over fewer than 5 citizens', () => {
    const cohort = Array.from({ length: 4 }, (_, i) => caseOf(i));
    const r = buildCouncilReport(
      facts({
        cohort,
        firstContacts: new Map(cohort.map((c) => [c.id, at('2026-03-03T10:00:00Z')])),
        conversations: cohort.flatMap((c) => [
          talk(c.id, 'first', '2026-03-05T10:00:00Z', 40),
          talk(c.id, 'follow_up', '2026-04-05T10:00:00Z', 60),
        ]),
      }),
    );
    expect(r.citizens).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(r.time.toFirstContact).toEqual({
      n: { value: null, suppressed: true, reason: 'small' },
      medianWorkingDays: null,
      p90WorkingDays: null,
    });
    expect(r.wellbeing.who5).toEqual({
      n: { value: null, suppressed: true, reason: 'small' },
      baselineMean: null,
      laterMean: null,
      meanChange: null,
      ci95: null,
    });
    // Every breakdown of fewer than 5 citizens hides all its cells, zeros too.
    expect(r.referrals.bySource.rows.every((row) => row.count.suppressed && row.share === null)).toBe(true);
  });

  it('defines bridged, and continuing at 3 months by the plan as it stood then', () => {
    const cohort = Array.from({ length: 12 }, (_, i) => caseOf(i));
    const conversations = cohort.map((c) => talk(c.id, 'first', '2026-03-10T10:00:00Z', null));
    const planVersions = [
      // 0–5: attended, then continuing before the 3-month mark (10 June) → continuing.
      ...cohort
        .slice(0, 6)
        .flatMap((c) => [plan(c.id, '2026-04-01T10:00:00Z', 'attended'), plan(c.id, '2026-05-20T10:00:00Z', 'continuing')]),
      // 6–10: attended, then dropped → bridged, not continuing; a later "continuing" after the mark does not count.
      ...cohort
        .slice(6, 11)
        .flatMap((c) => [
          plan(c.id, '2026-04-01T10:00:00Z', 'attended'),
          plan(c.id, '2026-05-01T10:00:00Z', 'dropped'),
          plan(c.id, '2026-07-01T10:00:00Z', 'continuing'),
        ]),
      // 11: only ever planned → not bridged.
      plan(cohort[11].id, '2026-04-01T10:00:00Z', 'planned'),
    ];
    const r = buildCouncilReport(facts({ cohort, conversations, planVersions }));
    // 11 of 12 bridged: the 1 not bridged is hidden, and so is the 11 (else 12 − 11 gives it away).
    expect(r.bridging.bridged.rows.map((x) => [x.key, x.count, x.share])).toEqual([
      ['bridged', { value: null, suppressed: true, reason: 'complementary' }, null],
      ['not_bridged', { value: null, suppressed: true, reason: 'small' }, null],
    ]);
    expect(r.bridging.bridged.total).toEqual({ value: 12, suppressed: false });
    // The continuing are some of the (hidden) bridged: hidden with them.
    expect(r.bridging.continuingAt3Months.total.suppressed).toBe(true);
    const allBridged = planVersions.map((v) => (v.referralId === cohort[11].id ? { ...v, offerStepStatuses: ['attended'] } : v));
    const whole = buildCouncilReport(facts({ cohort, conversations, planVersions: allBridged }));
    expect(whole.bridging.bridged.rows[0]).toMatchObject({ count: { value: 12, suppressed: false }, share: 100 });
    expect(whole.bridging.continuingAt3Months.rows.map((x) => [x.key, x.count.value])).toEqual([
      ['continuing', 6],
      ['not_continuing', 6],
    ]);
    // Not yet 3 months since the first conversation: not counted.
    const early = buildCouncilReport(facts({ cohort, conversations, planVersions: allBridged, now: at('2026-05-01T00:00:00Z') }));
    expect(early.bridging.continuingAt3Months.total).toEqual({ value: 0, suppressed: false });
  });

  it('measures change for citizens with two or more measurements, with a t interval, and after closing against the first', () => {
    const cohort = Array.from({ length: 6 }, (_, i) => caseOf(i, { status: 'completed', outcome: 'goal_reached' }));
    const changes = [10, 20, 30, 40, 50, 60];
    const conversations = cohort.flatMap((c, i) => [
      talk(c.id, 'first', '2026-03-10T10:00:00Z', 40, 8),
      talk(c.id, 'phone', '2026-04-10T10:00:00Z', null, null),
      talk(c.id, 'follow_up', '2026-05-10T10:00:00Z', 40 + changes[i], 6),
    ]);
    const measurements = [
      ...cohort
        .slice(0, 5)
        .map((c, i) => measurement(c.id, 'measurement_3m', { status: 'done', result: 'measured', who5Score: 50 + i * 4 })),
      measurement(cohort[5].id, 'measurement_3m', { status: 'done', result: 'declined' }),
      ...cohort.slice(0, 3).map((c) => measurement(c.id, 'measurement_9m', { dueAt: at('2026-12-01T08:00:00Z') })),
      ...cohort.slice(3, 6).map((c) => measurement(c.id, 'measurement_9m', { dueAt: at('2027-02-01T08:00:00Z') })),
      measurement('not-in-cohort', 'measurement_9m'),
    ];
    const r = buildCouncilReport(facts({ cohort, conversations, measurements }));
    expect(r.wellbeing.who5).toMatchObject({ n: { value: 6, suppressed: false }, baselineMean: 40, laterMean: 75, meanChange: 35 });
    // sd of 10…60 = 18.708; t(0.975, 5) = 2.5706; half-width 19.6.
    expect(r.wellbeing.who5.ci95).toEqual({ lower: 15.4, upper: 54.6 });
    expect(r.wellbeing.ucla3).toMatchObject({ meanChange: -2, ci95: { lower: -2, upper: -2 } });
    // The declined one is not a missing one (and, being 1, hidden — with the 5 measured, else 6 − 5 gives it away;
    // and a hidden 5 beside 1 adding to 6 would say 1, so the total goes too).
    expect(r.afterClosing.months3.followUps.rows.map((x) => [x.key, x.count.reason ?? x.count.value])).toEqual([
      ['measured', 'complementary'],
      ['declined', 'small'],
      ['unreachable', 0],
      ['missing', 0],
      ['not_due', 0],
    ]);
    expect(r.afterClosing.months3.followUps.total).toEqual({ value: null, suppressed: true, reason: 'complementary' });
    // The change over the measured would tell how many were measured: hidden with them.
    expect(r.afterClosing.months3.who5).toEqual({
      n: { value: null, suppressed: true, reason: 'complementary' },
      baselineMean: null,
      laterMean: null,
      meanChange: null,
      ci95: null,
    });
    // With the one who declined measured too, everything shows.
    const all = buildCouncilReport(
      facts({
        cohort,
        conversations,
        measurements: measurements.map((m) => (m.result === 'declined' ? { ...m, result: 'measured', who5Score: 70 } : m)),
      }),
    );
    expect(all.afterClosing.months3.followUps.rows[0].count).toEqual({ value: 6, suppressed: false });
    expect(all.afterClosing.months3.who5).toMatchObject({
      n: { value: 6, suppressed: false },
      baselineMean: 40,
      laterMean: 60,
      meanChange: 20,
    });
    // 9 months: three past due without an answer (missing), three not yet due.
    expect(r.afterClosing.months9.followUps.rows.map((x) => [x.key, x.count])).toEqual([
      ['measured', { value: 0, suppressed: false }],
      ['declined', { value: 0, suppressed: false }],
      ['unreachable', { value: 0, suppressed: false }],
      ['missing', { value: null, suppressed: true, reason: 'small' }],
      ['not_due', { value: null, suppressed: true, reason: 'small' }],
    ]);
    expect(r.outcomes.rows.find((x) => x.key === 'goal_reached')!.count).toEqual({ value: 6, suppressed: false });
  });

  it('protects the breakdowns of the same citizens together: a small source, its complement, areas, months and outcomes', () => {
    const cohort = [
      ...Array.from({ length: 20 }, (_, i) => caseOf(i)),
      ...Array.from({ length: 3 }, (_, i) => caseOf(100 + i, { source: 'hospital', areaId: OTHER_AREA.id })),
      ...Array.from({ length: 7 }, (_, i) => caseOf(200 + i, { source: 'job_centre', areaId: null, month: '2026-04' })),
    ];
    const r = buildCouncilReport(facts({ cohort }));
    const count = (rows: { key: string; count: unknown }[], key: string) => rows.find((x) => x.key === key)!.count;
    expect(count(r.referrals.bySource.rows, 'gp')).toEqual({ value: 20, suppressed: false });
    expect(count(r.referrals.bySource.rows, 'hospital')).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(count(r.referrals.bySource.rows, 'job_centre')).toEqual({ value: null, suppressed: true, reason: 'complementary' });
    expect(count(r.referrals.byArea.rows, OTHER_AREA.id)).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(count(r.referrals.byArea.rows, 'none')).toEqual({ value: null, suppressed: true, reason: 'complementary' });
    expect(r.referrals.byMonth.rows.map((x) => x.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(count(r.referrals.byMonth.rows, '2026-04')).toEqual({ value: 7, suppressed: false });
    expect(r.referrals.byMonth.rows[2].label).toBe('marts 2026');
    expect(r.citizens).toEqual({ value: 30, suppressed: false });
  });

  it('never carries more than codes, labels, area names and numbers (no free text)', () => {
    const r = buildCouncilReport(facts({ cohort: Array.from({ length: 8 }, (_, i) => caseOf(i)) }));
    const strings: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'string' && key !== 'da' && key !== 'en') strings.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
    };
    walk(r);
    for (const s of strings) expect(s.length).toBeLessThan(80);
  });
});

describe('rendering', () => {
  const cohort = [
    ...Array.from({ length: 20 }, (_, i) => caseOf(i)),
    ...Array.from({ length: 3 }, (_, i) => caseOf(100 + i, { source: 'hospital' })),
    ...Array.from({ length: 7 }, (_, i) => caseOf(200 + i, { source: 'job_centre' })),
  ];
  const report = buildCouncilReport(facts({ cohort, area: { id: AREA.id, name: '=Viby; "Nord"' } }));

  it('writes CSV for Danish Excel: BOM, semicolons, decimal comma, quoted and formula-safe text', () => {
    const csv = renderCsv(report);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Afsnit;Kategori;Mål;Værdi');
    expect(text).toContain('Henvisninger efter kilde;Hospital;Antal borgere;< 5');
    expect(text).toContain('Henvisninger efter kilde;Praktiserende læge;Andel (%);66,7');
    expect(text).toContain('Henvisninger efter kilde;Jobcenter;Antal borgere;(skjult)');
    // An area name from a coordinator: quoted (it holds ; and ") and made inert (it starts with =).
    expect(text).toContain(`Om rapporten;;Lokalområde;"'=Viby; ""Nord"""`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes a PDF', async () => {
    const pdf = await renderPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, pdf);
  });

  it('prints only what Helvetica can: Danish letters stay, the rest becomes ?', () => {
    expect(pdfSafe('Æblegården – “Nord” 😀 ≥ 5')).toBe('Æblegården – “Nord” ? ? 5');
    expect(pdfSafe('Hospital < 5 · 12,5 %')).toBe('Hospital < 5 · 12,5 %');
  });

  it('adds calendar months, clipping to the month’s last day', () => {
    expect(addMonths(at('2026-01-31T10:00:00Z'), 3).toISOString()).toBe('2026-04-30T10:00:00.000Z');
    expect(addMonths(at('2026-11-15T10:00:00Z'), 3).toISOString()).toBe('2027-02-15T10:00:00.000Z');
  });
});

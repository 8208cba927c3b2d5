import { WorkingDayCalendar } from '@bro/platform';
import type { AfterClosing, Breakdown, CouncilReport, Duration, ScoreChange } from './dto/council-report.dto';
import { meanWithConfidence, percentile } from './estimates';
import { BRIDGED_ROWS, CONTINUING_ROWS, danishDate, MEASUREMENT_ROWS, monthRows, OUTCOME_ROWS, REASON_ROWS, SOURCE_ROWS } from './labels';
import type { CohortCase, ConversationFact, MeasurementFact, PlanVersionFact } from './report.repository';
import { protectBreakdowns, protectCount, ProtectedCount, SUPPRESSION_THRESHOLD } from '@bro/case-kernel';

/** Everything the report is computed from: the cohort and the facts about its cases (ids, times, codes, scores). */
export interface ReportFacts {
  municipality: { name: string; timeZone: string; measurement3mWorkingDays: number; measurement9mWorkingDays: number };
  period: { from: string; to: string };
  area: { id: string; name: string } | null;
  areas: { id: string; name: string }[];
  now: Date;
  cohort: CohortCase[];
  firstContacts: Map<string, Date>;
  conversations: ConversationFact[];
  planVersions: PlanVersionFact[];
  measurements: MeasurementFact[];
}

const BRIDGING_STATUSES = new Set(['attended', 'continuing']);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * The council report's rules, as one pure function of the facts: who counts (the
 * cohort, already cut by the statistics rule), the definitions (bridged, continuing at
 * 3 months, change in WHO-5/UCLA-3, measurements after closing) and the small-group
 * protection of every figure. The method section says the same in words.
 */
export function buildCouncilReport(f: ReportFacts): CouncilReport {
  const calendar = WorkingDayCalendar.for(f.municipality.timeZone);
  const cases = f.cohort;
  const byCase = <T extends { referralId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.referralId, [...(map.get(r.referralId) ?? []), r]);
    return map;
  };
  const talks = byCase(f.conversations);
  const plans = byCase(f.planVersions);
  const measurements = byCase(f.measurements);
  const firstHeld = new Map<string, Date>();
  for (const c of cases) {
    const first = (talks.get(c.id) ?? []).find((t) => t.kind === 'first');
    if (first) firstHeld.set(c.id, first.heldAt);
  }

  // Referrals: the cohort by source, area, month and outcome — breakdowns of the same citizens, protected together.
  const countBy = <K extends string>(rows: { key: K }[], keyOf: (c: CohortCase) => string) =>
    rows.map((r) => cases.filter((c) => keyOf(c) === r.key).length);
  const areaRows = [
    ...(f.area ? [f.area] : f.areas).map((a) => ({ key: a.id, label: a.name })),
    ...(f.area ? [] : [{ key: 'none', label: 'Uden lokalområde' }]),
  ];
  const months = monthRows(f.period.from, f.period.to);
  const outcomeOf = (c: CohortCase) =>
    c.status === 'completed'
      ? OUTCOME_ROWS.some((o) => o.key === c.outcome)
        ? c.outcome!
        : 'other'
      : c.status === 'rejected'
        ? 'rejected'
        : 'open';
  const population = [
    { rows: SOURCE_ROWS, counts: countBy(SOURCE_ROWS, (c) => c.source) },
    { rows: areaRows, counts: countBy(areaRows, (c) => c.areaId ?? 'none') },
    { rows: months, counts: countBy(months, (c) => c.month) },
    { rows: OUTCOME_ROWS, counts: countBy(OUTCOME_ROWS, outcomeOf) },
  ];
  const cohortProtected = protectBreakdowns(
    cases.length,
    population.map((p) => p.counts),
  );
  const [bySource, byArea, byMonth, outcomes] = population.map((p, i) =>
    breakdown(p.rows, cohortProtected.total, cohortProtected.breakdowns[i], cases.length),
  );

  // Reasons: a citizen may have several, so the counts add up to the mentions, not the citizens. Protected against
  // the mention total as if it were published (it is not), which is the stricter case.
  const reasonCounts = REASON_ROWS.map((r) => cases.filter((c) => c.reasons.includes(r.key)).length);
  const reasonProtected = protectBreakdowns(
    reasonCounts.reduce((a, b) => a + b, 0),
    [reasonCounts],
  );
  const byReason = breakdown(REASON_ROWS, cohortProtected.total, reasonProtected.breakdowns[0], cases.length);

  // Time to first contact and first conversation, in the municipality's working days.
  const days = (from: Date, to: Date) => calendar.workingDaysBetween(from, to);
  const toContact = cases.filter((c) => f.firstContacts.has(c.id)).map((c) => days(c.createdAt, f.firstContacts.get(c.id)!));
  const talked = cases.filter((c) => firstHeld.has(c.id));
  const toConversation = talked.map((c) => days(c.createdAt, firstHeld.get(c.id)!));

  // Bridged: a step to an offer attended (or continuing) in any version of the plan, of those who had a first conversation.
  const bridgedCases = talked.filter((c) => (plans.get(c.id) ?? []).some((v) => v.offerStepStatuses.some((s) => BRIDGING_STATUSES.has(s))));
  const bridgedProtected = protectBreakdowns(talked.length, [[bridgedCases.length, talked.length - bridgedCases.length]]);
  const bridged = breakdown(BRIDGED_ROWS, bridgedProtected.total, bridgedProtected.breakdowns[0], talked.length);

  // Continuing at 3 months: of the bridged whose first conversation is 3 months past, the plan as it stood then.
  const mark = (c: CohortCase) => addMonths(firstHeld.get(c.id)!, 3);
  const due = bridgedCases.filter((c) => mark(c) <= f.now);
  const continuing = due.filter((c) => {
    const asOf = (plans.get(c.id) ?? []).filter((v) => v.changedAt <= mark(c)).pop();
    return asOf?.offerStepStatuses.includes('continuing') ?? false;
  });
  const continuingProtected = protectBreakdowns(due.length, [[continuing.length, due.length - continuing.length]]);
  // Those counted here are some of the bridged: shown beside a hidden bridged count they would bound it (and so the
  // hidden "not bridged" next to it), so they go with it.
  const continuingAt3Months = bridged.rows[0].count.suppressed
    ? hidden(CONTINUING_ROWS)
    : breakdown(CONTINUING_ROWS, continuingProtected.total, continuingProtected.breakdowns[0], due.length);

  // WHO-5 and UCLA-3 in the course: first and latest measurement, for citizens with two or more.
  const scores = (c: CohortCase, score: 'who5Score' | 'ucla3Score') =>
    (talks.get(c.id) ?? []).map((t) => t[score]).filter((s): s is number => s !== null);
  const inCourse = (score: 'who5Score' | 'ucla3Score') =>
    change(
      cases
        .map((c) => scores(c, score))
        .filter((s) => s.length >= 2)
        .map((s) => [s[0], s[s.length - 1]]),
    );

  // After closing: the measurements 3 and 9 months after the first conversation, against the first measurement.
  const afterClosing = (kind: 'measurement_3m' | 'measurement_9m'): AfterClosing => {
    const planned = cases
      .map((c) => ({ c, m: (measurements.get(c.id) ?? []).find((m) => m.kind === kind && m.status !== 'cancelled') }))
      .filter((x): x is { c: CohortCase; m: MeasurementFact } => x.m !== undefined);
    const stateOf = (m: MeasurementFact) => (m.status === 'done' && m.result ? m.result : m.dueAt <= f.now ? 'missing' : 'not_due');
    const counts = MEASUREMENT_ROWS.map((r) => planned.filter((x) => stateOf(x.m) === r.key).length);
    const p = protectBreakdowns(planned.length, [counts]);
    const followUps = breakdown(MEASUREMENT_ROWS, p.total, p.breakdowns[0], planned.length);
    // The changes are over some of the measured: beside a hidden "measured" their n would bound it, so they go with it.
    const measuredHidden = followUps.rows[0].count.suppressed;
    const later = (score: 'who5Score' | 'ucla3Score') =>
      measuredHidden
        ? hiddenChange()
        : change(
            planned
              .filter((x) => x.m.result === 'measured' && x.m[score] !== null && scores(x.c, score).length > 0)
              .map((x) => [scores(x.c, score)[0], x.m[score]!]),
          );
    return { followUps, who5: later('who5Score'), ucla3: later('ucla3Score') };
  };

  return {
    title: 'Social henvisning – rapport til udvalget',
    municipality: f.municipality.name,
    period: f.period,
    area: f.area,
    generatedAt: f.now.toISOString(),
    threshold: SUPPRESSION_THRESHOLD,
    citizens: cohortProtected.total,
    referrals: { bySource, byReason, byArea, byMonth },
    time: {
      toFirstContact: duration(toContact, protectCount(toContact.length)),
      toFirstConversation: duration(toConversation, bridged.total),
    },
    bridging: { bridged, continuingAt3Months },
    wellbeing: { who5: inCourse('who5Score'), ucla3: inCourse('ucla3Score') },
    afterClosing: { months3: afterClosing('measurement_3m'), months9: afterClosing('measurement_9m') },
    outcomes,
    method: methodText(f),
  };
}

/** A breakdown's rows with their protected counts, and shares of the total only where both are shown. */
function breakdown(rows: readonly { key: string; label: string }[], total: ProtectedCount, counts: ProtectedCount[], n: number): Breakdown {
  return {
    total,
    rows: rows.map((r, i) => ({
      key: r.key,
      label: r.label,
      count: counts[i],
      share: counts[i].suppressed || total.suppressed || n === 0 ? null : round1((100 * counts[i].value!) / n),
    })),
  };
}

const HIDDEN: ProtectedCount = { value: null, suppressed: true, reason: 'complementary' };

/** A breakdown hidden whole, because what it counts would give away a hidden count elsewhere. */
function hidden(rows: readonly { key: string; label: string }[]): Breakdown {
  return { total: HIDDEN, rows: rows.map((r) => ({ key: r.key, label: r.label, count: HIDDEN, share: null })) };
}

function hiddenChange(): ScoreChange {
  return { n: HIDDEN, baselineMean: null, laterMean: null, meanChange: null, ci95: null };
}

/** Median and 90th percentile, only over 5 citizens or more (and when their number may be shown). */
function duration(values: number[], n: ProtectedCount): Duration {
  const shown = !n.suppressed && values.length >= SUPPRESSION_THRESHOLD;
  return {
    n,
    medianWorkingDays: shown ? round1(percentile(values, 0.5)) : null,
    p90WorkingDays: shown ? round1(percentile(values, 0.9)) : null,
  };
}

/** Means before and after, the mean change and its 95 % interval, only over 5 citizens or more. */
function change(pairs: number[][]): ScoreChange {
  const n = protectCount(pairs.length);
  if (n.suppressed || pairs.length < SUPPRESSION_THRESHOLD) return { n, baselineMean: null, laterMean: null, meanChange: null, ci95: null };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const e = meanWithConfidence(pairs.map(([before, after]) => after - before));
  return {
    n,
    baselineMean: round1(mean(pairs.map((p) => p[0]))),
    laterMean: round1(mean(pairs.map((p) => p[1]))),
    meanChange: round1(e.mean),
    ci95: e.ci ? { lower: round1(e.ci[0])!, upper: round1(e.ci[1])! } : null,
  };
}

/** The same instant three (n) calendar months on (the day clipped to the month's last). */
export function addMonths(at: Date, n: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The method section, in Danish (the report's language) and English (the web page's other language). */
function methodText(f: ReportFacts): { da: string[]; en: string[] } {
  const t = SUPPRESSION_THRESHOLD;
  const area = f.area ? ` i lokalområdet ${f.area.name}` : '';
  const areaEn = f.area ? ` in the local area ${f.area.name}` : '';
  const m3 = f.municipality.measurement3mWorkingDays;
  const m9 = f.municipality.measurement9mWorkingDays;
  return {
    da: [
      `Hvem tæller med: borgere henvist fra ${danishDate(f.period.from)} til og med ${danishDate(f.period.to)}${area}, som ikke har frabedt sig, at deres oplysninger bruges i statistik (samtykket "statistik"). Forløb, der er annulleret (samtykket til henvisningen trukket tilbage, eller borgeren sagde nej før første samtale), tæller ikke. Hver borger tælles én gang, med sit første forløb i perioden; en henvisning, der blev knyttet til et allerede åbent forløb, tæller ikke som en ny.`,
      'Kilde: den type organisation, henviseren hører til (fx praktiserende læge) – aldrig den enkelte læge eller klinik. Henvisninger oprettet af kommunens egne medarbejdere tæller som "Andet". Årsager: en henvisning kan have flere årsager, så årsagerne summerer ikke til antallet af borgere.',
      `Tid til første kontakt og første samtale: arbejdsdage fra henvisningen blev modtaget, til borgeren første gang blev truffet (et kontaktforsøg med udfaldet "truffet"), og til den første samtale blev holdt. Arbejdsdage er mandag til fredag undtagen helligdage, efter kommunens tidszone (${f.municipality.timeZone}). Median og 90. percentil med lineær interpolation.`,
      'Brobygget: borgere, der har haft første samtale, og hvis plan på et tidspunkt har haft et trin til et tilbud med status "deltaget" eller "fortsætter". Fortsætter efter 3 måneder: af de brobyggede, hvis første samtale ligger mindst 3 måneder før rapporten blev dannet, de borgere hvis plan, som den så ud 3 måneder efter første samtale, har et trin til et tilbud med status "fortsætter".',
      'Trivsel og ensomhed: WHO-5 (0-100, højere er bedre trivsel) og UCLA-3 (3-9, højere er mere ensom) ved første og seneste måling i forløbet, for borgere med mindst to målinger. Ændringen er seneste minus første måling. 95 %-konfidensintervallet for den gennemsnitlige ændring bygger på t-fordelingen med n - 1 frihedsgrader.',
      `Måling efter afslutning: ${m3} og ${m9} arbejdsdage (cirka 3 og 9 måneder) efter første samtale ringer brobyggeren til borgeren og stiller WHO-5 og UCLA-3 igen, også når forløbet er afsluttet. Ændringen regnes fra første måling i forløbet. En borger, der siger nej, tælles som "takkede nej" og ikke som manglende; "mangler" er målinger, hvis frist er overskredet uden svar. Der måles ikke hos borgere, der har frabedt sig statistik.`,
      'Afslutninger: forløbenes status, da rapporten blev dannet; afsluttede forløb efter udfald.',
      `Beskyttelse af små grupper: intet tal beskriver færre end ${t} borgere. Et antal fra 1 til ${t - 1} vises som "< ${t}". Hvor tal summerer til en total, skjules mindst ét tal mere, så det lille tal ikke kan regnes ud; det vises som "(skjult)". Er totalen selv under ${t}, skjules alle dens tal. Gennemsnit, medianer og andele vises kun, når de bygger på mindst ${t} borgere. Rapporten indeholder ingen navne, CPR-numre eller fritekst.`,
    ],
    en: [
      `Who counts: citizens referred from ${f.period.from} to ${f.period.to} inclusive${areaEn} who have not withdrawn their consent to the use of their data in statistics (the "statistics" consent). Cancelled cases (consent to the referral withdrawn, or the citizen declined before the first conversation) do not count. Each citizen counts once, with their first case in the period; a referral linked to an already open case does not count as a new one.`,
      'Source: the kind of organisation the referrer belongs to (e.g. general practice) – never the individual GP or clinic. Referrals made by the municipality’s own staff count as "Other". Reasons: a referral may have several reasons, so the reasons do not add up to the number of citizens.',
      `Time to first contact and first conversation: working days from the referral’s arrival until the citizen was first reached (a contact attempt with outcome "reached") and until the first conversation was held. Working days are Monday to Friday except public holidays, in the municipality’s time zone (${f.municipality.timeZone}). Median and 90th percentile with linear interpolation.`,
      'Bridged: citizens who had a first conversation and whose plan at some point had a step to an offer with status "attended" or "continuing". Continuing at 3 months: of the bridged whose first conversation was at least 3 months before the report was made, those whose plan as it stood 3 months after the first conversation had a step to an offer with status "continuing".',
      'Wellbeing and loneliness: WHO-5 (0-100, higher is better wellbeing) and UCLA-3 (3-9, higher is lonelier) at the first and the latest measurement in the course, for citizens with at least two measurements. The change is latest minus first. The 95 % confidence interval of the mean change uses the t-distribution with n - 1 degrees of freedom.',
      `Measuring after closing: ${m3} and ${m9} working days (about 3 and 9 months) after the first conversation the brobygger calls the citizen and asks WHO-5 and UCLA-3 again, also after the case has closed. The change is counted from the first measurement in the course. A citizen who declines counts as "declined", not as missing; "missing" are measurements past their due date without an answer. Citizens who withdrew the statistics consent are not measured.`,
      'Outcomes: the status of the cases when the report was made; closed cases by outcome.',
      `Protecting small groups: no figure describes fewer than ${t} citizens. A count from 1 to ${t - 1} is shown as "< ${t}". Where counts add up to a total, at least one more count is hidden so that the small one cannot be worked out; it is shown as "(hidden)". If the total itself is under ${t}, all its counts are hidden. Means, medians and shares are shown only when they rest on at least ${t} citizens. The report holds no names, CPR numbers or free text.`,
    ],
  };
}

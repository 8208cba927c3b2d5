import type { Breakdown, CouncilReport, Duration, ScoreChange } from './dto/council-report.dto';
import { danishDate } from './labels';
import { formatCount, ProtectedCount } from '@bro/case-kernel';

/** The CSV's columns, in Danish: one figure per line, so Excel can filter and pivot it. */
export const CSV_HEADER = ['Afsnit', 'Kategori', 'Mål', 'Værdi'] as const;

/**
 * The report as CSV the way Danish Excel opens it: UTF-8 with a byte-order mark,
 * `;` between fields, decimal comma, CRLF line ends. Hidden counts read "< 5" or
 * "(skjult)", exactly as in the PDF and on the web page.
 */
export function renderCsv(r: CouncilReport): Buffer {
  const lines: string[][] = [[...CSV_HEADER]];
  const add = (section: string, category: string, measure: string, value: string) => lines.push([section, category, measure, value]);
  const about = 'Om rapporten';
  add(about, '', 'Kommune', r.municipality);
  add(about, '', 'Periode fra', danishDate(r.period.from));
  add(about, '', 'Periode til og med', danishDate(r.period.to));
  add(about, '', 'Lokalområde', r.area?.name ?? 'Alle');
  add(about, '', 'Dannet', r.generatedAt);
  add(about, '', 'Mindste gruppe, der vises', `${r.threshold} borgere`);
  add('Borgere i rapporten', 'I alt', 'Antal borgere', count(r.citizens));

  const breakdown = (section: string, b: Breakdown) => {
    for (const row of b.rows) {
      add(section, row.label, 'Antal borgere', count(row.count));
      add(section, row.label, 'Andel (%)', decimal(row.share));
    }
    add(section, 'I alt', 'Antal borgere', count(b.total));
  };
  const duration = (section: string, d: Duration) => {
    add(section, 'Alle', 'Antal borgere', count(d.n));
    add(section, 'Alle', 'Median (arbejdsdage)', decimal(d.medianWorkingDays));
    add(section, 'Alle', '90. percentil (arbejdsdage)', decimal(d.p90WorkingDays));
  };
  const change = (section: string, c: ScoreChange, later: string) => {
    add(section, 'Alle', 'Antal borgere', count(c.n));
    add(section, 'Alle', 'Gennemsnit ved første måling', decimal(c.baselineMean));
    add(section, 'Alle', `Gennemsnit ${later}`, decimal(c.laterMean));
    add(section, 'Alle', 'Gennemsnitlig ændring', decimal(c.meanChange));
    add(section, 'Alle', '95 % konfidensinterval, nedre', decimal(c.ci95?.lower ?? null));
    add(section, 'Alle', '95 % konfidensinterval, øvre', decimal(c.ci95?.upper ?? null));
  };

  breakdown('Henvisninger efter kilde', r.referrals.bySource);
  breakdown('Henvisninger efter årsag', r.referrals.byReason);
  breakdown('Henvisninger efter lokalområde', r.referrals.byArea);
  breakdown('Henvisninger efter måned', r.referrals.byMonth);
  duration('Tid fra henvisning til første kontakt', r.time.toFirstContact);
  duration('Tid fra henvisning til første samtale', r.time.toFirstConversation);
  breakdown('Brobygning', r.bridging.bridged);
  breakdown('Fortsætter i tilbuddet efter 3 måneder', r.bridging.continuingAt3Months);
  change('Trivsel (WHO-5) i forløbet', r.wellbeing.who5, 'ved seneste måling');
  change('Ensomhed (UCLA-3) i forløbet', r.wellbeing.ucla3, 'ved seneste måling');
  for (const [months, a] of [
    [3, r.afterClosing.months3],
    [9, r.afterClosing.months9],
  ] as const) {
    breakdown(`Måling ${months} måneder efter første samtale`, a.followUps);
    change(`Trivsel (WHO-5) ${months} måneder efter første samtale`, a.who5, `efter ${months} måneder`);
    change(`Ensomhed (UCLA-3) ${months} måneder efter første samtale`, a.ucla3, `efter ${months} måneder`);
  }
  breakdown('Afslutninger', r.outcomes);
  r.method.da.forEach((text, i) => add('Metode', String(i + 1), 'Tekst', text));

  const csv = lines.map((fields) => fields.map(field).join(';')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
}

const count = (c: ProtectedCount) => formatCount(c, 'da');
const decimal = (x: number | null) => (x === null ? '–' : String(x).replace('.', ','));

/** One CSV field: quoted when it must be, and text that Excel would run as a formula made inert. */
function field(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(,\d+)?$/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

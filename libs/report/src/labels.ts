import { ORGANISATION_KIND_LABELS_DA, ORGANISATION_KINDS } from '@bro/auth';
import { OUTCOMES, REASONS } from '@bro/referral';

/** The report's categories, in order, with their Danish labels (the report is read in Danish; the web page translates by key). */
export const SOURCE_ROWS = ORGANISATION_KINDS.map((key) => ({ key, label: ORGANISATION_KIND_LABELS_DA[key] }));
export const REASON_ROWS = REASONS.map((r) => ({ key: r.code, label: r.da }));

const OUTCOME_LABELS: Record<(typeof OUTCOMES)[number], string> = {
  goal_reached: 'Mål nået',
  declined: 'Borgeren takkede nej',
  unreachable: 'Kunne ikke kontaktes',
  moved: 'Flyttet',
  other: 'Andet',
};
export const OUTCOME_ROWS = [
  ...OUTCOMES.map((key) => ({ key: key, label: OUTCOME_LABELS[key] })),
  { key: 'rejected', label: 'Afvist' },
  { key: 'open', label: 'Stadig i forløb' },
];

export const BRIDGED_ROWS = [
  { key: 'bridged', label: 'Brobygget til et tilbud' },
  { key: 'not_bridged', label: 'Ikke brobygget' },
];
export const CONTINUING_ROWS = [
  { key: 'continuing', label: 'Fortsætter i tilbuddet' },
  { key: 'not_continuing', label: 'Fortsætter ikke' },
];
export const MEASUREMENT_ROWS = [
  { key: 'measured', label: 'Målt' },
  { key: 'declined', label: 'Takkede nej' },
  { key: 'unreachable', label: 'Kunne ikke træffes' },
  { key: 'missing', label: 'Mangler (frist overskredet)' },
  { key: 'not_due', label: 'Ikke forfalden endnu' },
];

const MONTHS_DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** Every month from the month of `from` to that of `to` (YYYY-MM-DD), as `YYYY-MM` with a Danish label. */
export function monthRows(from: string, to: string): { key: string; label: string }[] {
  const rows: { key: string; label: string }[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > end) return rows;
    rows.push({ key, label: `${MONTHS_DA[month - 1]} ${year}` });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** A Danish date: 1. januar 2026. */
export function danishDate(isoDate: string): string {
  return `${Number(isoDate.slice(8, 10))}. ${MONTHS_DA[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
}

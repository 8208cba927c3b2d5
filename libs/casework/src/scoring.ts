import { RuleViolationError } from '@bro/platform';

/** Samtalehjulet: the life domains the citizen scores, 1–10 (`GET /v1/reference/wheel-domains`). */
export const WHEEL_DOMAINS = [
  { code: 'health', da: 'Helbred', en: 'Health' },
  { code: 'mood', da: 'Humør', en: 'Mood' },
  { code: 'relations', da: 'Relationer', en: 'Relationships' },
  { code: 'community', da: 'Fællesskab', en: 'Community' },
  { code: 'activities', da: 'Aktiviteter', en: 'Activities' },
  { code: 'everyday_life', da: 'Hverdagsliv', en: 'Everyday life' },
  { code: 'home', da: 'Bolig', en: 'Home' },
  { code: 'economy', da: 'Økonomi', en: 'Economy' },
  { code: 'work_and_purpose', da: 'Arbejde og mening', en: 'Work and purpose' },
] as const;
const WHEEL_CODES: readonly string[] = WHEEL_DOMAINS.map((d) => d.code);

const whole = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** Every wheel domain known and every score a whole number 1–10 (422 naming the domain otherwise). */
export function checkWheel(wheel: Record<string, unknown>): Record<string, number> {
  for (const [domain, score] of Object.entries(wheel)) {
    if (!WHEEL_CODES.includes(domain))
      throw new RuleViolationError(`wheel.${domain} is not a wheel domain`, { field: `wheel.${domain}`, code: 'unknown_field' });
    if (!whole(score, 1, 10))
      throw new RuleViolationError(`wheel.${domain} must be a whole number from 1 to 10`, {
        field: `wheel.${domain}`,
        code: 'out_of_range',
      });
  }
  return wheel as Record<string, number>;
}

/** WHO-5 wellbeing index: five items 0–5, raw sum × 4 → 0–100. */
export function who5Score(items: number[]): number {
  if (items.length !== 5) throw new RuleViolationError('who5 must have exactly 5 items', { field: 'who5', code: 'wrong_count' });
  items.forEach((v, i) => {
    if (!whole(v, 0, 5))
      throw new RuleViolationError(`who5[${i}] must be a whole number from 0 to 5`, { field: `who5[${i}]`, code: 'out_of_range' });
  });
  return items.reduce((a, b) => a + b, 0) * 4;
}

/** Three-item UCLA loneliness scale: three items 1–3, summed → 3–9 (higher is lonelier). */
export function ucla3Score(items: number[]): number {
  if (items.length !== 3) throw new RuleViolationError('ucla3 must have exactly 3 items', { field: 'ucla3', code: 'wrong_count' });
  items.forEach((v, i) => {
    if (!whole(v, 1, 3))
      throw new RuleViolationError(`ucla3[${i}] must be a whole number from 1 to 3`, { field: `ucla3[${i}]`, code: 'out_of_range' });
  });
  return items.reduce((a, b) => a + b, 0);
}

/**
 * CPR numbers (DDMMYY-SSSS). Valid when there are 10 digits and the first six are a
 * real date in the century that the seventh digit gives (CPR-kontoret's table). The
 * modulus-11 check is not applied: numbers issued since 2007 need not satisfy it.
 */
export function normaliseCpr(input: string): string | null {
  const compact = input.trim().replace(/^(\d{6})-(\d{4})$/, '$1$2');
  return /^\d{10}$/.test(compact) && cprBirthDate(compact) ? compact : null;
}

/** The birth date encoded in a 10-digit CPR number, or null if it is not a real date. */
export function cprBirthDate(cpr: string): Date | null {
  const day = Number(cpr.slice(0, 2));
  const month = Number(cpr.slice(2, 4));
  const yy = Number(cpr.slice(4, 6));
  const seventh = Number(cpr[6]);
  const year = centuryOf(seventh, yy) + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date : null;
}

function centuryOf(seventh: number, yy: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800; // 5–8
}

/** `DDMMYY-****`: the only form in which a CPR number leaves the server. */
export function maskCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-****`;
}

/**
 * Small-group protection for every figure Bro publishes in a report (ADR 0018). The one
 * rule, used for the JSON, the CSV, the PDF and the web page alike:
 *
 * 1. Primary suppression: a count of 1–4 citizens is never shown ("< 5"). Zero is shown:
 *    it describes nobody — except among the parts of a total that is itself under 5,
 *    which are all hidden (shown zeros beside "< 5" cells adding up to "< 5" could
 *    otherwise give a single citizen away).
 * 2. Complementary suppression: where counts add up to a published total, a hidden count
 *    must not be computable from the total and the shown counts. So no sum (a row, a
 *    column, a breakdown and its total) may hide exactly one of its cells; a second one
 *    is hidden ("(skjult)"): a part rather than the total, one that leaves nothing
 *    pinned and every "< 5" as vague as "< 5" if there is one, else the smallest.
 * 3. An audit then plays the attacker, who knows the rule — a "< 5" cell is 1–4 (0–4
 *    under a total under 5), a "(skjult)" cell is at least 5 (zeros are never chosen as
 *    complements) — and propagates those
 *    bounds through every sum until nothing moves. Any hidden cell whose value is
 *    thereby pinned gets a further complement, until none is.
 *
 * Each round hides one more cell, so it ends. The audit reasons over one sum at a time
 * (iterated), which catches what a reader can do with a table and its totals; it is
 * not a full linear-programming attack on large linked tables, which Bro does not
 * publish. Tables that share a total (several breakdowns of the same citizens) must be
 * protected together (`protectBreakdowns`), or a total hidden in one and shown in another
 * would undo the protection.
 */
export const SUPPRESSION_THRESHOLD = 5;

export type CellStatus = 'shown' | 'small' | 'complementary';

/** A sum published with its parts: `values[whole] = Σ values[parts]`. */
export interface Sum {
  parts: readonly number[];
  whole: number;
}

/** A protected count as it goes out: the value, or null with the reason it is hidden. */
export interface ProtectedCount {
  value: number | null;
  suppressed: boolean;
  reason?: 'small' | 'complementary';
}

/**
 * The status of each value (counts of citizens) under the rule, given the sums that
 * are published. Throws on input that is not counts or sums that do not add up — a
 * caller's mistake, never the data's.
 */
export function protect(values: readonly number[], sums: readonly Sum[], threshold = SUPPRESSION_THRESHOLD): CellStatus[] {
  return protectExplained(values, sums, threshold).status;
}

/** `protect`, and which hidden cells the attacker must allow to be zero (those under a small total) — for the audit. */
export function protectExplained(
  values: readonly number[],
  sums: readonly Sum[],
  threshold = SUPPRESSION_THRESHOLD,
): { status: CellStatus[]; mayBeZero: ReadonlySet<number> } {
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`value ${i} is not a count`);
  });
  for (const s of sums) {
    const total = s.parts.reduce((a, i) => a + values[i], 0);
    if (total !== values[s.whole]) throw new Error(`sum with whole ${s.whole} does not add up`);
  }
  const status: CellStatus[] = values.map((v) => (v > 0 && v < threshold ? 'small' : 'shown'));
  // Under a small total every part is small, zeros too (and may be zero, as the attacker knows).
  const mayBeZero = new Set<number>();
  for (let grew = true; grew;) {
    grew = false;
    for (const s of sums) {
      if (status[s.whole] !== 'small') continue;
      for (const p of s.parts) {
        if (mayBeZero.has(p)) continue;
        mayBeZero.add(p);
        status[p] = 'small';
        grew = true;
      }
    }
  }
  const members = (s: Sum) => [...s.parts, s.whole];
  const hidden = (i: number) => status[i] !== 'shown';
  /** What hiding cell i as a complement would leave the attacker: how many cells pinned, how many "< 5" narrowed. */
  const leaves = (i: number) => {
    const trial = [...status];
    trial[i] = 'complementary';
    const { lo, hi } = bounds(values, trial, sums, threshold, mayBeZero);
    const pinned = trial.filter((st, k) => st !== 'shown' && lo[k] === hi[k] && values[k] > 0).length;
    const narrowed = trial.filter((st, k) => st === 'small' && (lo[k] > (mayBeZero.has(k) ? 0 : 1) || hi[k] < threshold - 1)).length;
    return { pinned, narrowed };
  };
  // Zeros are never hidden as complements (so a hidden complement is known to be ≥ threshold, and worth something).
  const candidate = (s: Sum): number | undefined => {
    const ranked = members(s)
      .filter((i) => status[i] === 'shown' && values[i] > 0)
      .map((i) => ({ i, whole: i === s.whole, ...leaves(i) }))
      .sort(
        (a, b) =>
          Number(a.whole) - Number(b.whole) ||
          Number(a.pinned > 0) - Number(b.pinned > 0) ||
          Number(a.narrowed > 0) - Number(b.narrowed > 0) ||
          values[a.i] - values[b.i] ||
          a.i - b.i,
      );
    return ranked[0]?.i;
  };

  const stuck = new Set<Sum>();
  for (;;) {
    const lone = sums.find((s) => !stuck.has(s) && members(s).filter(hidden).length === 1);
    if (lone) {
      const c = candidate(lone);
      if (c === undefined) stuck.add(lone);
      else status[c] = 'complementary';
      continue;
    }
    const pinned = audit(values, status, sums, threshold, mayBeZero);
    const fix = pinned
      .flatMap((cell) => sums.filter((s) => members(s).includes(cell)))
      .map(candidate)
      .find((c) => c !== undefined);
    if (fix === undefined) return { status, mayBeZero };
    status[fix] = 'complementary';
  }
}

/**
 * The attacker's view: the hidden cells whose value can be pinned down from what is
 * shown, the rule and the sums. A pinned zero gives nobody away and is not counted.
 */
export function audit(
  values: readonly number[],
  status: readonly CellStatus[],
  sums: readonly Sum[],
  threshold = SUPPRESSION_THRESHOLD,
  mayBeZero: ReadonlySet<number> = new Set(),
): number[] {
  const { lo, hi } = bounds(values, status, sums, threshold, mayBeZero);
  return values.map((_, i) => i).filter((i) => status[i] !== 'shown' && lo[i] === hi[i] && values[i] > 0);
}

/**
 * Bounds for every cell as the attacker sees them (shown: its value; "< 5":
 * 1…threshold−1, or 0… under a small total; complementary: threshold…∞), tightened
 * through every sum until stable.
 */
function bounds(
  values: readonly number[],
  status: readonly CellStatus[],
  sums: readonly Sum[],
  threshold: number,
  mayBeZero: ReadonlySet<number>,
): { lo: number[]; hi: number[] } {
  const lo = values.map((v, i) => (status[i] === 'shown' ? v : status[i] === 'small' ? (mayBeZero.has(i) ? 0 : 1) : threshold));
  const hi = values.map((v, i) => (status[i] === 'shown' ? v : status[i] === 'small' ? threshold - 1 : Infinity));
  for (let round = 0, moved = true; moved && round < 1000; round++) {
    moved = false;
    for (const s of sums) {
      const sumLo = (cells: readonly number[]) => cells.reduce((a, i) => a + lo[i], 0);
      const sumHi = (cells: readonly number[]) => cells.reduce((a, i) => a + hi[i], 0);
      const tighten = (i: number, l: number, h: number) => {
        if (l > lo[i]) {
          lo[i] = l;
          moved = true;
        }
        if (h < hi[i]) {
          hi[i] = h;
          moved = true;
        }
      };
      tighten(s.whole, sumLo(s.parts), sumHi(s.parts));
      for (const part of s.parts) {
        const others = s.parts.filter((p) => p !== part);
        tighten(part, lo[s.whole] - sumHi(others), hi[s.whole] - sumLo(others));
      }
    }
  }
  return { lo, hi };
}

function out(value: number, status: CellStatus): ProtectedCount {
  return status === 'shown' ? { value, suppressed: false } : { value: null, suppressed: true, reason: status };
}

/**
 * Several breakdowns of the same citizens (by source, by area, by month …), each
 * adding up to the one total, protected together.
 */
export function protectBreakdowns(
  total: number,
  breakdowns: readonly (readonly number[])[],
  threshold = SUPPRESSION_THRESHOLD,
): { total: ProtectedCount; breakdowns: ProtectedCount[][] } {
  const values = [total];
  const sums: Sum[] = breakdowns.map((counts) => {
    const parts = counts.map((c) => values.push(c) - 1);
    return { parts, whole: 0 };
  });
  const status = protect(values, sums, threshold);
  return {
    total: out(total, status[0]),
    breakdowns: sums.map((s) => s.parts.map((i) => out(values[i], status[i]))),
  };
}

/** A table with row totals, column totals and the grand total, protected as one. */
export function protectCrossTable(
  cells: readonly (readonly number[])[],
  threshold = SUPPRESSION_THRESHOLD,
): { cells: ProtectedCount[][]; rowTotals: ProtectedCount[]; columnTotals: ProtectedCount[]; total: ProtectedCount } {
  const t = crossTable(cells);
  const status = protect(t.values, t.sums, threshold);
  const o = (i: number) => out(t.values[i], status[i]);
  return {
    cells: t.cells.map((row) => row.map(o)),
    rowTotals: t.rowTotals.map(o),
    columnTotals: t.columnTotals.map(o),
    total: o(t.total),
  };
}

/** A cross table as values (cells row by row, row totals, column totals, grand total) and its sums. */
export function crossTable(cells: readonly (readonly number[])[]) {
  const rows = cells.length;
  const columns = rows ? cells[0].length : 0;
  if (cells.some((r) => r.length !== columns)) throw new Error('rows of unequal length');
  const values: number[] = cells.flat();
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const at = range(rows).map((r) => range(columns).map((c) => r * columns + c));
  const rowTotals = cells.map((r) => values.push(r.reduce((a, b) => a + b, 0)) - 1);
  const columnTotals = range(columns).map((c) => values.push(cells.reduce((a, r) => a + r[c], 0)) - 1);
  const total = values.push(cells.flat().reduce((a, b) => a + b, 0)) - 1;
  const sums: Sum[] = [
    ...range(rows).map((r) => ({ parts: at[r], whole: rowTotals[r] })),
    ...range(columns).map((c) => ({ parts: at.map((row) => row[c]), whole: columnTotals[c] })),
    { parts: rowTotals, whole: total },
    { parts: columnTotals, whole: total },
  ];
  return { values, sums, cells: at, rowTotals, columnTotals, total };
}

/** A count that stands alone (no published sum it is part of): only the primary rule applies. */
export function protectCount(n: number, threshold = SUPPRESSION_THRESHOLD): ProtectedCount {
  return out(n, n > 0 && n < threshold ? 'small' : 'shown');
}

/** How a protected count reads in a report: the number, "< 5", or "(skjult)". */
export function formatCount(c: ProtectedCount, lang: 'da' | 'en' = 'da', threshold = SUPPRESSION_THRESHOLD): string {
  if (!c.suppressed) return String(c.value);
  if (c.reason === 'complementary') return lang === 'da' ? '(skjult)' : '(hidden)';
  return `< ${threshold}`;
}

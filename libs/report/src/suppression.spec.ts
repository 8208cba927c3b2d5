import fc from 'fast-check';
import {
  audit,
  crossTable,
  formatCount,
  protect,
  protectBreakdowns,
  protectCount,
  protectCrossTable,
  ProtectedCount,
  protectExplained,
  Sum,
} from '@bro/case-kernel';

/** A breakdown [parts…, total] as values and its one sum (the total last). */
const breakdown = (parts: number[]) => {
  const values = [...parts, parts.reduce((a, b) => a + b, 0)];
  const sum: Sum = { parts: parts.map((_, i) => i), whole: parts.length };
  return { values, sums: [sum] };
};
const shown = (c: ProtectedCount) => (c.suppressed ? (c.reason === 'small' ? '<5' : 'x') : c.value);

describe('protect: small-group protection', () => {
  it('shows every count of 5 or more, and zeros', () => {
    const { values, sums } = breakdown([5, 0, 12]);
    expect(protect(values, sums)).toEqual(['shown', 'shown', 'shown', 'shown']);
  });

  it('hides a count of 1–4 and, as its complement, the smallest other part that protects it — not a zero, not the total', () => {
    // 3 alone hidden would be 30 − 20 − 7.
    const { values, sums } = breakdown([20, 3, 7, 0]);
    const status = protect(values, sums);
    expect(status).toEqual(['shown', 'small', 'complementary', 'shown', 'shown']);
    expect(audit(values, status, sums)).toEqual([]);
  });

  it('prefers a complement that says nothing more than "< 5" over the smallest one', () => {
    // Hiding 5 with the 1 would tell 1 + 5 = 6, and a hidden part is ≥ 5: the 1 is exactly 1.
    const { values, sums } = breakdown([1, 5, 40]);
    expect(protect(values, sums)).toEqual(['small', 'shown', 'complementary', 'shown']);
  });

  it('adds complements until the hidden count cannot be pinned down, hiding the total if it must', () => {
    // [1, 5, 5 | 11]: any hidden 5 leaves the 1 exactly computable from the total.
    const { values, sums } = breakdown([1, 5, 5]);
    const status = protect(values, sums);
    expect(status).toEqual(['small', 'complementary', 'complementary', 'complementary']);
    expect(audit(values, status, sums)).toEqual([]);
  });

  it('needs no complement for two small counts that do not give each other away, but does when they do', () => {
    const two = breakdown([3, 2, 20]);
    expect(protect(two.values, two.sums)).toEqual(['small', 'small', 'shown', 'shown']);
    // 1 + 1 = 22 − 20: both would be exactly 1.
    const ones = breakdown([1, 1, 20]);
    expect(protect(ones.values, ones.sums)).toEqual(['small', 'small', 'complementary', 'shown']);
  });

  it('hides every part, zeros too, of a total that is itself under 5', () => {
    const { values, sums } = breakdown([1, 0, 2, 0]);
    expect(protect(values, sums)).toEqual(['small', 'small', 'small', 'small', 'small']);
    // Four ones under a total of 4: with zeros shown, each would be exactly 1.
    const ones = breakdown([1, 1, 1, 1, 0]);
    const status = protect(ones.values, ones.sums);
    expect(status.every((s) => s === 'small')).toBe(true);
    expect(audit(ones.values, status, ones.sums, 5, new Set([0, 1, 2, 3, 4]))).toEqual([]);
  });

  it('shows a total of zero and its zeros', () => {
    const { values, sums } = breakdown([0, 0]);
    expect(protect(values, sums)).toEqual(['shown', 'shown', 'shown']);
  });

  it('refuses what is not a table of counts', () => {
    expect(() => protect([1.5, 2], [])).toThrow('not a count');
    expect(() => protect([-1], [])).toThrow('not a count');
    expect(() => protect([1, 2, 4], [{ parts: [0, 1], whole: 2 }])).toThrow('does not add up');
  });

  it('uses another threshold when asked', () => {
    const { values, sums } = breakdown([9, 30, 12]);
    expect(protect(values, sums, 10)[0]).toBe('small');
  });
});

describe('protectCrossTable: rows, columns and totals', () => {
  it('hides a small cell, a complement in its row and in its column, and a fourth to close the rectangle', () => {
    const t = protectCrossTable([
      [3, 10],
      [12, 15],
    ]);
    expect(t.cells.map((r) => r.map(shown))).toEqual([
      ['<5', 'x'],
      ['x', 'x'],
    ]);
    expect([...t.rowTotals, ...t.columnTotals, t.total].map(shown)).toEqual([13, 27, 15, 25, 40]);
  });

  it('leaves rows and columns without small cells alone', () => {
    const t = protectCrossTable([
      [3, 10, 9],
      [12, 15, 20],
      [30, 31, 32],
    ]);
    expect(t.cells[2].map(shown)).toEqual([30, 31, 32]);
    expect(t.total).toEqual({ value: 162, suppressed: false });
    // The small cell cannot be worked out from what is shown.
    const hidden = t.cells.flat().filter((c) => c.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(4);
  });

  it('treats a small row total like any small cell: hidden, with its row hidden and complements in the total column', () => {
    const t = protectCrossTable([
      [1, 2],
      [20, 30],
      [25, 8],
    ]);
    expect(t.rowTotals.map(shown)[0]).toBe('<5');
    expect(t.cells[0].map(shown)).toEqual(['<5', '<5']);
    // The row total 3 would otherwise be 86 − 50 − 33.
    expect(t.rowTotals.filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
  });
});

describe('protectBreakdowns: several breakdowns of the same citizens', () => {
  it('protects each breakdown, with the one total shown', () => {
    const p = protectBreakdowns(30, [
      [20, 3, 7],
      [15, 15],
    ]);
    expect(p.total).toEqual({ value: 30, suppressed: false });
    expect(p.breakdowns.map((b) => b.map(shown))).toEqual([
      [20, '<5', 'x'],
      [15, 15],
    ]);
  });

  it('hides the total for all when one breakdown needs it, and protects the others against the hidden total', () => {
    const p = protectBreakdowns(11, [
      [1, 5, 5],
      [6, 5],
    ]);
    expect(p.total).toEqual({ value: null, suppressed: true, reason: 'complementary' });
    // With the total hidden, [6, 5] shown would give it back: 6 + 5.
    expect(p.breakdowns[1].some((c) => c.suppressed)).toBe(true);
  });

  it('hides every cell of every breakdown when there are fewer than 5 citizens in all', () => {
    const p = protectBreakdowns(3, [
      [3, 0],
      [1, 1, 1],
      [0, 0, 3],
    ]);
    expect(p.total).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(p.breakdowns.flat().every((c) => c.suppressed && c.value === null)).toBe(true);
  });
});

describe('the rule holds for any table (property)', () => {
  const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 }));

  it('breakdowns: no shown count under 5 (but zero), no sum with one hidden cell, nothing the attacker can pin', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 12 }), (parts) => {
        const { values, sums } = breakdown(parts);
        const { status, mayBeZero } = protectExplained(values, sums);
        values.forEach((v, i) => {
          if (status[i] === 'shown') expect(v === 0 || v >= 5).toBe(true);
        });
        expect(status.filter((s) => s !== 'shown').length).not.toBe(1);
        expect(audit(values, status, sums, 5, mayBeZero)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('cross tables: no shown count under 5 (but zero), no line hiding a lone non-zero cell, nothing the attacker can pin', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((columns) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 5 })),
        (cells) => {
          const t = crossTable(cells);
          const { status, mayBeZero } = protectExplained(t.values, t.sums);
          t.values.forEach((v, i) => {
            if (status[i] === 'shown') expect(v === 0 || v >= 5).toBe(true);
          });
          // A line may hide a single cell only if it is a zero (say, under a row total of 0): that gives nobody away.
          for (const s of t.sums) {
            const lone = [...s.parts, s.whole].filter((i) => status[i] !== 'shown');
            if (lone.length === 1) expect(t.values[lone[0]]).toBe(0);
          }
          expect(audit(t.values, status, t.sums, 5, mayBeZero)).toEqual([]);
          // And protectCrossTable gives out exactly these statuses.
          const p = protectCrossTable(cells);
          expect([...p.cells.flat(), ...p.rowTotals, ...p.columnTotals, p.total].map((c) => c.suppressed)).toEqual(
            status.map((st) => st !== 'shown'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('protectCount and formatCount', () => {
  it('applies the primary rule to a count that stands alone', () => {
    expect(protectCount(4)).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(protectCount(0)).toEqual({ value: 0, suppressed: false });
    expect(protectCount(5)).toEqual({ value: 5, suppressed: false });
  });

  it('reads "< 5" for a small count and "(skjult)" for a complement, in Danish and English', () => {
    expect(formatCount({ value: 12, suppressed: false })).toBe('12');
    expect(formatCount({ value: null, suppressed: true, reason: 'small' })).toBe('< 5');
    expect(formatCount({ value: null, suppressed: true, reason: 'complementary' })).toBe('(skjult)');
    expect(formatCount({ value: null, suppressed: true, reason: 'complementary' }, 'en')).toBe('(hidden)');
  });
});

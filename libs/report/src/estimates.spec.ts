import { logGamma, meanWithConfidence, percentile, tCdf, tQuantile } from './estimates';

describe('percentile', () => {
  it('interpolates between ranks as percentile_cont does', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([0, 10], 0)).toBe(0);
    expect(percentile([0, 10], 1)).toBe(10);
  });

  it('is null for no values and refuses a p outside 0–1', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow();
  });
});

describe('Student t', () => {
  it('gives the textbook two-sided 95 % critical values', () => {
    // Tables: t(0.975; df)
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [4, 2.7764],
      [9, 2.2622],
      [29, 2.0452],
      [120, 1.9799],
    ];
    for (const [df, t] of table) expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.8125, 3);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
  });

  it('is symmetric, and the quantile inverts the CDF', () => {
    expect(tQuantile(0.025, 9)).toBeCloseTo(-tQuantile(0.975, 9), 10);
    expect(tQuantile(0.5, 3)).toBe(0);
    for (const df of [1, 3, 7, 30]) for (const p of [0.6, 0.9, 0.99]) expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 9);
    expect(tCdf(0, 5)).toBeCloseTo(0.5, 12);
  });

  it('log-gamma matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
});

describe('meanWithConfidence', () => {
  it('gives the mean and a t-based 95 % interval', () => {
    // n = 5, mean 10, sd = sqrt(2.5): half-width = 2.7764 × sqrt(2.5) / sqrt(5)
    const e = meanWithConfidence([8, 9, 10, 11, 12]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(10);
    expect(e.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    const half = 2.776445 * Math.sqrt(2.5 / 5);
    expect(e.ci![0]).toBeCloseTo(10 - half, 4);
    expect(e.ci![1]).toBeCloseTo(10 + half, 4);
  });

  it('has no interval under two values, and no mean for none', () => {
    expect(meanWithConfidence([4])).toEqual({ n: 1, mean: 4, sd: null, ci: null });
    expect(meanWithConfidence([])).toEqual({ n: 0, mean: null, sd: null, ci: null });
  });

  it('collapses to the mean when every change is the same', () => {
    expect(meanWithConfidence([3, 3, 3, 3, 3]).ci).toEqual([3, 3]);
  });
});

import { Gauge, type Registry } from 'prom-client';

/**
 * A reading taken at scrape time and kept for up to a second, so /metrics and
 * /health/ready asked together, or a scrape of many series, cost one read. A failed read
 * is forgotten at once.
 */
export function cachedReading<T>(read: () => Promise<T>, maxAgeMs = 1_000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    // A monotonic clock for the cache's age: nothing here is a date.
    const now = performance.now();
    if (!cached || now - cached.at > maxAgeMs) {
      const value = read();
      value.catch(() => (cached = undefined));
      cached = { at: now, value };
    }
    return cached.value;
  };
}

/** Gauges set from one reading at scrape time; when the reading fails (PostgreSQL away) their series disappear. */
export function scrapedGauges<T>(
  registry: Registry,
  reading: () => Promise<T>,
  gauges: readonly { name: string; help: string; pick: (value: T) => number }[],
): void {
  for (const { name, help, pick } of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      // prom-client calls collect with the gauge as `this`.
      async collect(this: Gauge) {
        const value = await reading().catch(() => null);
        if (value === null) this.reset();
        else this.set(pick(value));
      },
    });
  }
}
